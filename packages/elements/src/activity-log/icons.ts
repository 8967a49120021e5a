import type { ActivityType } from '@crmkit/core';
import { svg } from 'lit';

/** One line icon per activity type, drawn on a 20×20 grid in the current colour. */
const PATHS: Record<ActivityType, ReturnType<typeof svg>> = {
  call: svg`<path d="M6.2 3.5H4.6A1.3 1.3 0 0 0 3.3 4.9C3.7 11 9 16.3 15.1 16.7a1.3 1.3 0 0 0 1.4-1.3v-1.6a1 1 0 0 0-.7-1l-2.4-.8a1 1 0 0 0-1 .3l-1 1a9.6 9.6 0 0 1-4.7-4.7l1-1a1 1 0 0 0 .3-1l-.8-2.4a1 1 0 0 0-1-.7Z" />`,
  email: svg`<rect x="3" y="5" width="14" height="10.5" rx="1.6" /><path d="m3.6 6.2 6.4 4.9 6.4-4.9" />`,
  meeting: svg`<rect x="3" y="4.5" width="14" height="12" rx="1.6" /><path d="M3 8.5h14M7 3v3M13 3v3" />`,
  note: svg`<path d="M5.5 3h6.2L15 6.3v10.2H5.5Z" /><path d="M11.5 3.2v3.3h3.3M8 10.2h4.5M8 13h4.5" />`,
  task: svg`<rect x="3.5" y="3.5" width="13" height="13" rx="2.5" /><path d="m7 10.2 2.1 2.1L13.2 8" />`,
};

export function typeIcon(type: ActivityType) {
  return svg`<svg class="type-icon" viewBox="0 0 20 20" aria-hidden="true" fill="none" stroke="currentColor"
    stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">${PATHS[type]}</svg>`;
}

export const errorIcon = svg`<svg class="error-icon" viewBox="0 0 20 20" aria-hidden="true">
  <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
  <path d="M10 5.5v5.5" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" />
  <circle cx="10" cy="14" r="1.1" fill="currentColor" />
</svg>`;
