import { css } from 'lit';
import { panel } from '../shared/panel.styles.js';

export const styles = css`
  /* The card adapts to the room it gets, not to the viewport. */
  .root {
    container: crm-deal / inline-size;
  }
  .card {
    ${panel}
    display: grid;
    gap: calc(var(--_spacing) * 0.875);
    padding: var(--crm-card-padding, var(--_spacing));
  }

  /* Header: name and customer, the status badge, the closing actions. */
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5rem 0.75rem;
  }
  .titles {
    display: grid;
    gap: 0.125rem;
    flex: 1 1 14rem;
    min-inline-size: 0;
  }
  .heading {
    font-size: 1.125em;
    font-weight: 600;
    line-height: 1.35;
  }
  .subtitle {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.375rem;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .status {
    align-self: center;
    padding: 0 0.625em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 500;
    line-height: 1.7;
    white-space: nowrap;
  }
  .status[data-kind='won'] {
    border-color: light-dark(#16a34a, #4ade80);
    color: light-dark(#166534, #86efac);
    background: color-mix(in srgb, light-dark(#16a34a, #4ade80) 10%, var(--_surface));
  }
  .status[data-kind='lost'] {
    border-color: color-mix(in srgb, var(--_danger) 60%, var(--_surface));
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  /* The stage path: one segment per stage, the current one filled, passed ones tinted. */
  .path {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .path-item {
    display: flex;
    flex: 1 1 7rem;
    min-inline-size: 0;
  }
  .step {
    flex: 1;
    display: flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
    min-inline-size: 0;
    min-block-size: 2.25rem;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 0.8125rem;
    line-height: 1.35;
    text-align: center;
    overflow-wrap: anywhere;
  }
  button.step {
    cursor: pointer;
  }
  button.step:hover:not(:disabled) {
    background: var(--_surface-muted);
    border-color: color-mix(in srgb, var(--_accent) 50%, var(--_border));
  }
  button.step:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  button.step:disabled {
    cursor: default;
  }
  .step.passed {
    background: color-mix(in srgb, var(--_accent) 10%, var(--_surface));
    border-color: color-mix(in srgb, var(--_accent) 30%, var(--_border));
  }
  .step.current {
    border-color: var(--_accent);
    background: var(--_accent);
    color: light-dark(#fff, #0b1220);
    font-weight: 600;
  }
  .step.current.won {
    border-color: light-dark(#15803d, #4ade80);
    background: light-dark(#15803d, #4ade80);
  }
  .step.current.lost {
    border-color: var(--_danger);
    background: var(--_danger);
    color: light-dark(#fff, #0b1220);
  }
  .step.saving {
    border-style: dashed;
    border-color: var(--_accent);
  }

  .notice {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_danger) 45%, Canvas);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_danger) 9%, var(--_surface));
    font-size: 0.875em;
  }

  .body {
    display: grid;
    gap: 0.875rem;
  }
  /* The figures band: amount, win probability, weighted amount. */
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
    gap: 0.5rem;
    margin: 0;
  }
  .figures .field {
    display: grid;
    align-content: start;
    gap: 0.0625rem;
    padding: 0.5rem 0.75rem;
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_surface-muted) 70%, var(--_surface));
  }
  .figures .value {
    font-size: 1.0625em;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    line-height: 1.35;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: 0.75rem 1.5rem;
    margin: 0;
    font-size: 0.9375em;
  }
  .field {
    min-inline-size: 0;
  }
  .field[data-field='lostReason'] {
    grid-column: 1 / -1;
  }
  dt {
    color: var(--_muted);
    font-size: 0.8667em;
  }
  dd {
    margin: 0;
  }
  .overdue {
    color: var(--_danger);
  }
  .flag {
    padding: 0 0.4em;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_danger) 12%, var(--_surface));
    color: var(--_danger);
    font-size: 0.8125em;
    white-space: nowrap;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    margin: 0;
    padding: 0.125rem 0 0;
    list-style: none;
  }
  .tag {
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface-muted);
    font-size: 0.8667em;
    line-height: 1.6;
  }
  .muted {
    color: var(--_muted);
  }
  .footer {
    margin: 0;
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8125em;
  }

  /* Loading: the skeleton's bones (states.styles.ts), sized to the card's text. */
  .skeleton .header,
  .skeleton .body {
    display: grid;
  }
  .bone.line {
    block-size: 0.875em;
    margin-block: 0.3em;
  }
  .bone.line.small {
    block-size: 0.75em;
  }
  .card > .error {
    padding: 0;
    border: 0;
    background: none;
  }
  .card > .empty-state {
    padding: 0;
    text-align: start;
  }

  /* Narrow: the path as a list down the card, the actions full width. */
  @container crm-deal (max-width: 30rem) {
    .path {
      flex-direction: column;
    }
    .path-item {
      flex: none;
    }
    .step {
      justify-content: flex-start;
      text-align: start;
    }
    .actions {
      flex: 1 1 100%;
    }
    /* The figures as rows in one box, label left and amount right, rather than tiles a screen high. */
    .figures {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
      padding-inline: 0.75rem;
      border-radius: calc(var(--_radius) * 0.75);
      background: color-mix(in srgb, var(--_surface-muted) 70%, var(--_surface));
    }
    .figures .field {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: baseline;
      column-gap: 0.75rem;
      padding: 0.4375rem 0;
      border-radius: 0;
      background: none;
    }
    .figures .field + .field {
      border-block-start: 1px solid color-mix(in srgb, var(--_border) 70%, transparent);
    }
    .fields {
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.5rem), 1fr));
      gap: 0.75rem 1rem;
    }
    .actions .button {
      flex: 1;
      min-block-size: 2.75rem;
    }
  }
`;
