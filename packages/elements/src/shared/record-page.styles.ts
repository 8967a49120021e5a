import { css } from 'lit';

/**
 * What the record pages with a status path share (the deal card, the case card): the header with its status
 * badge and actions, the path of stages or statuses, values edited where they stand, a flag, and the narrow layout.
 */
export const recordPage = css`
  /* Header: name and customer, the status badge, the closing actions. */
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 8px 12px;
  }
  .titles {
    display: grid;
    gap: 2px;
    flex: 1 1 224px;
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
    gap: 0 6px;
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .status {
    align-self: center;
    padding: 0 0.625em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 13px;
    font-weight: 500;
    line-height: 1.7;
    white-space: nowrap;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }

  /* The stage path: one segment per stage, the current one filled, passed ones tinted. */
  .path {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .path-item {
    display: flex;
    flex: 1 1 112px;
    min-inline-size: 0;
  }
  .step {
    flex: 1;
    display: flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
    min-inline-size: 0;
    min-block-size: 36px;
    padding: 6px 10px;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 13px;
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
  .step.saving {
    border-style: dashed;
    border-color: var(--_accent);
  }

  /* A value that edits its field: reads as the value, shows it can be changed on hover and focus. */
  .value-button {
    margin: -2px -4px;
    padding: 2px 4px;
    border: 1px dashed transparent;
    border-radius: calc(var(--_radius) * 0.5);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .value-button:hover {
    border-color: var(--_border);
    background: var(--_surface-muted);
  }
  .value-button:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 1px;
  }
  .inline-edit {
    display: grid;
    gap: 4px;
    font-size: 15px;
    font-weight: 400;
  }
  .inline-row {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .inline-row .control {
    flex: 1 1 112px;
    inline-size: auto;
  }
  .flag {
    padding: 0 0.4em;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_danger) 12%, var(--_surface));
    color: var(--_danger);
    font-size: 0.8125em;
    white-space: nowrap;
  }

  /* Narrow: the path as a list down the card, the actions full width. */
  @container crm-card (max-width: 480px) {
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
    .fields {
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 128px), 1fr));
      gap: 12px 16px;
    }
    .actions .button {
      flex: 1;
      min-block-size: 44px;
    }
  }
`;
