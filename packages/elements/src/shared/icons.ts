// Every icon crmkit's elements draw, once: line icons in the current colour, hidden from assistive
// technology (the text beside an icon, or its button's label, says what it means). Each icon is a
// function of its own, so a page's bundle carries only the icons its elements draw.
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';

/** Draws an icon: the classes `icon` and `<name>-icon` (and `className`, if given) are for styling. */
export type Icon = (className?: string) => TemplateResult;

/** An icon as inline SVG, taking its colour from the text around it. */
function draw(name: string, viewBox: string, body: SVGTemplateResult, className: string): TemplateResult {
  return html`<svg class=${`icon ${name}-icon ${className}`.trim()} viewBox=${viewBox} aria-hidden="true">
    ${body}
  </svg>`;
}

/** The activity types' icons share one pen: a 1.5 stroke with round ends on a 20×20 grid. */
function activity(name: string, body: SVGTemplateResult, className: string): TemplateResult {
  return draw(
    name,
    '0 0 20 20',
    svg`<g fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">${body}</g>`,
    className,
  );
}

/** A failure: an exclamation mark in a circle. */
export const errorIcon: Icon = (className = '') =>
  draw(
    'error',
    '0 0 20 20',
    svg`<circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
      <path d="M10 5.5v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
      <circle cx="10" cy="14" r="1.1" fill="currentColor" />`,
    className,
  );

/** Something to know: an i in a circle. */
export const infoIcon: Icon = (className = '') =>
  draw(
    'info',
    '0 0 20 20',
    svg`<circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
      <path d="M10 9v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
      <circle cx="10" cy="6" r="1.1" fill="currentColor" />`,
    className,
  );

/** Edit: a pencil. */
export const editIcon: Icon = (className = '') =>
  draw(
    'edit',
    '0 0 16 16',
    svg`<path d="M10.5 2.5l3 3L6 13H3v-3l7.5-7.5z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round" />`,
    className,
  );

/** Remove or close: a cross. */
export const closeIcon: Icon = (className = '') =>
  draw(
    'close',
    '0 0 12 12',
    svg`<path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />`,
    className,
  );

/** Add: a plus. */
export const plusIcon: Icon = (className = '') =>
  draw(
    'plus',
    '0 0 16 16',
    svg`<path d="M8 3v10M3 8h10" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />`,
    className,
  );

/** Done or won: a check mark. */
export const checkIcon: Icon = (className = '') =>
  draw(
    'check',
    '0 0 20 20',
    svg`<path d="M5 10.5l3.2 3.2L15 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />`,
    className,
  );

/** Lost: a bold cross. */
export const lostIcon: Icon = (className = '') =>
  draw(
    'lost',
    '0 0 20 20',
    svg`<path d="M6 6l8 8M14 6l-8 8" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
    className,
  );

/** Search: a magnifying glass. */
export const searchIcon: Icon = (className = '') =>
  draw(
    'search',
    '0 0 20 20',
    svg`<circle cx="8.5" cy="8.5" r="5.75" fill="none" stroke="currentColor" stroke-width="1.6" />
      <path d="M13 13l4.25 4.25" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />`,
    className,
  );

/** Filters: three lines, shorter and shorter. */
export const filtersIcon: Icon = (className = '') =>
  draw(
    'filters',
    '0 0 20 20',
    svg`<path d="M3 5.5h14M5.5 10h9M8 14.5h4" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />`,
    className,
  );

/** Busy: a ring with one bright arc (turned by the `.spinner-icon` animation in states.styles.ts). */
export const spinnerIcon: Icon = (className = '') =>
  draw(
    'spinner',
    '0 0 20 20',
    svg`<circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" stroke-width="2" opacity="0.25" />
      <path d="M17 10a7 7 0 0 0-7-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />`,
    className,
  );

export const callIcon: Icon = (className = '') =>
  activity(
    'call',
    svg`<path d="M6.2 3.5H4.6A1.3 1.3 0 0 0 3.3 4.9C3.7 11 9 16.3 15.1 16.7a1.3 1.3 0 0 0 1.4-1.3v-1.6a1 1 0 0 0-.7-1l-2.4-.8a1 1 0 0 0-1 .3l-1 1a9.6 9.6 0 0 1-4.7-4.7l1-1a1 1 0 0 0 .3-1l-.8-2.4a1 1 0 0 0-1-.7Z" />`,
    className,
  );

export const emailIcon: Icon = (className = '') =>
  activity(
    'email',
    svg`<rect x="3" y="5" width="14" height="10.5" rx="1.6" /><path d="m3.6 6.2 6.4 4.9 6.4-4.9" />`,
    className,
  );

export const meetingIcon: Icon = (className = '') =>
  activity(
    'meeting',
    svg`<rect x="3" y="4.5" width="14" height="12" rx="1.6" /><path d="M3 8.5h14M7 3v3M13 3v3" />`,
    className,
  );

export const noteIcon: Icon = (className = '') =>
  activity(
    'note',
    svg`<path d="M5.5 3h6.2L15 6.3v10.2H5.5Z" /><path d="M11.5 3.2v3.3h3.3M8 10.2h4.5M8 13h4.5" />`,
    className,
  );

export const taskIcon: Icon = (className = '') =>
  activity(
    'task',
    svg`<rect x="3.5" y="3.5" width="13" height="13" rx="2.5" /><path d="m7 10.2 2.1 2.1L13.2 8" />`,
    className,
  );

/** The icon of each type of activity. */
export const ACTIVITY_ICONS = {
  call: callIcon,
  email: emailIcon,
  meeting: meetingIcon,
  note: noteIcon,
  task: taskIcon,
} as const satisfies Record<string, Icon>;

/** Every icon by name, e.g. for a gallery or a test. */
export const ALL_ICONS = {
  error: errorIcon,
  info: infoIcon,
  edit: editIcon,
  close: closeIcon,
  plus: plusIcon,
  check: checkIcon,
  lost: lostIcon,
  search: searchIcon,
  filters: filtersIcon,
  spinner: spinnerIcon,
  call: callIcon,
  email: emailIcon,
  meeting: meetingIcon,
  note: noteIcon,
  task: taskIcon,
} as const satisfies Record<string, Icon>;
