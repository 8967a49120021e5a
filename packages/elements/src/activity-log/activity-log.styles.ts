import { css } from 'lit';
import { composerStyles } from './composer.styles.js';
import { panel } from '../shared/panel.styles.js';

export const styles = css`
  :host {
    --_icon: 30px;
    --_control-radius: calc(var(--_radius) * 0.75);
  }

  .root {
    container: crm-log / inline-size;
  }

  .log {
    ${panel}
    display: grid;
    gap: var(--_spacing);
    padding: var(--_spacing);
  }
  .log:focus {
    outline: none;
  }

  /* Header: title, slotted extras, filter at the end. */
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 12px;
  }
  .heading {
    margin: 0;
    font-size: 1.0625em;
    font-weight: 600;
    line-height: 1.35;
  }
  .filter {
    display: flex;
    align-items: center;
    gap: 8px;
    margin-inline-start: auto;
    font-size: 0.875em;
  }
  .filter-label {
    color: var(--_muted);
  }

  /* Controls are the shared ones (controls.styles.ts), at the log's text size. */
  .composer {
    --_control-padding: 6px 8px;
    --_control-font-size: 1em;
    --_control-height: auto;
  }
  .filter .control {
    inline-size: auto;
    --_control-padding: 4px 8px;
    --_control-font-size: 1em;
    --_control-height: auto;
  }
  textarea.control {
    min-block-size: 44px;
  }
  .toggle:focus-visible,
  .entry:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 1px;
  }

  /* Buttons are the shared ones (buttons.styles.ts), sized to the log's text. */
  .button {
    flex: none;
    font-size: 0.875em;
  }

  /* Composer (its own module, in this place of the cascade) */
  ${composerStyles}

  /* Timeline: days, each a heading over entries strung on a line. */
  .timeline {
    display: grid;
    gap: 12px;
    max-block-size: var(--crm-activity-log-max-height, none);
    overflow-y: auto;
    overscroll-behavior: contain;
    /* Room for focus rings at the edges of a scrolling timeline. */
    margin: -4px;
    padding: 4px;
  }
  .day-heading {
    position: sticky;
    top: -4px;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 8px;
    padding-block: 4px;
    margin-block-end: 4px;
    background: var(--_surface);
    font-size: 0.8125em;
    font-weight: 600;
    border-block-end: 1px solid var(--_border);
  }
  .day-date {
    color: var(--_muted);
    font-weight: 400;
  }
  .entries {
    position: relative;
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  /* The line that strings a day's entries together, behind their icons. */
  .entries::before {
    content: '';
    position: absolute;
    inset-block: 12px;
    inset-inline-start: calc(6px + var(--_icon) / 2);
    border-inline-start: 1px solid var(--_border);
  }
  .entries:has(> li:only-child)::before {
    display: none;
  }
  .entry {
    display: grid;
    grid-template-columns: var(--_icon) minmax(0, 1fr);
    gap: 12px;
    padding: 8px 6px;
    border-radius: var(--_control-radius);
  }
  .entry:hover {
    background: color-mix(in srgb, var(--_surface-muted) 60%, transparent);
  }
  .entry[data-pending] {
    opacity: 0.7;
  }
  .item-icon {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: var(--_icon);
    block-size: var(--_icon);
    border-radius: 50%;
    background: color-mix(in srgb, var(--_type) 14%, var(--_surface));
    color: var(--_type);
    box-shadow: 0 0 0 3px var(--_surface);
  }
  .item-icon .type-icon {
    inline-size: 16px;
    block-size: 16px;
  }
  .entry,
  .type-option {
    --_type: var(--_accent);
  }
  [data-type='call'] {
    --_type: light-dark(#1d4ed8, #8fb3ff);
  }
  [data-type='email'] {
    --_type: light-dark(#7c3aed, #c4a7ff);
  }
  [data-type='meeting'] {
    --_type: light-dark(#b45309, #fbbf24);
  }
  [data-type='note'] {
    --_type: light-dark(#475569, #b6c2d2);
  }
  [data-type='task'] {
    --_type: light-dark(#15803d, #6ee7a0);
  }
  .type-option .type-icon {
    color: var(--_type);
  }
  .content {
    display: grid;
    gap: 2px;
    min-inline-size: 0;
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 8px;
  }
  .subject {
    flex: 1;
    min-inline-size: 0;
    font-weight: 600;
  }
  .entry[data-done] .subject {
    text-decoration: line-through;
    text-decoration-color: color-mix(in srgb, currentColor 55%, transparent);
    color: var(--_muted);
  }
  .toggle {
    flex: none;
    /* Centred on the subject's first line (line-height 1.5), however many lines it wraps to. */
    align-self: flex-start;
    inline-size: 16px;
    block-size: 16px;
    margin: calc(0.75em - 8px) 0 0;
    accent-color: var(--_accent);
    cursor: pointer;
  }
  .time {
    flex: none;
    color: var(--_muted);
    font-size: 0.8125em;
    white-space: nowrap;
  }
  /* Pieces separated by dots; each line starts 1em early and is clipped, so no line starts with a dot. */
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    margin: 0;
    margin-inline-start: -1em;
    color: var(--_muted);
    font-size: 0.8125em;
    clip-path: inset(0 0 0 1em);
  }
  .meta:dir(rtl) {
    clip-path: inset(0 1em 0 0);
  }
  .meta > * {
    display: inline-flex;
    align-items: center;
  }
  /* A dot before every piece, for the eye only: screen readers hear a comma instead. */
  .meta > *::before {
    content: '·' / '';
    display: inline-block;
    inline-size: 1em;
    text-align: center;
    opacity: 0.7;
  }
  .badge {
    margin-inline-end: 2px;
    padding: 0 7px;
    border-radius: 999px;
    font-size: 0.9231em;
    font-weight: 600;
    line-height: 1.5;
  }
  .overdue {
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 12%, var(--_surface));
  }
  .body {
    margin: 4px 0 0;
    font-size: 0.9375em;
    white-space: pre-line;
  }
  /* The shared link button, quieter: underlined on hover only. */
  .link-button {
    justify-self: start;
    font-size: 0.8125em;
    text-decoration: none;
  }
  .link-button:hover {
    text-decoration: underline;
  }
  .item-message {
    margin-block-start: 4px;
  }

  .end {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: center;
    gap: 8px 12px;
    padding-block: 4px;
    font-size: 0.875em;
  }
  .end-error {
    color: var(--_danger);
  }
  .end-note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125em;
  }

  /* Loading: the shared skeleton's bones (states.styles.ts), laid out as entries. */
  .skeleton {
    display: grid;
    gap: 16px;
    padding-block: 4px;
  }
  .bone-row {
    display: grid;
    grid-template-columns: var(--_icon) 1fr;
    gap: 12px;
    padding-inline: 6px;
  }
  .bone.dot {
    inline-size: var(--_icon);
    block-size: var(--_icon);
    border-radius: 50%;
  }
  .bone-lines {
    display: grid;
    gap: 6px;
    align-content: center;
  }
  .bone.line {
    block-size: 0.875em;
  }
  .bone.line.small {
    block-size: 0.75em;
  }

  /* The shared error box and empty state (states.styles.ts) sit in the log's own frame. */
  .error {
    padding: 0;
    border: 0;
    background: none;
  }
  .empty-state {
    padding: 20px 8px;
    color: var(--_text);
  }
  .empty-title {
    font-weight: 500;
  }
  .note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
`;
