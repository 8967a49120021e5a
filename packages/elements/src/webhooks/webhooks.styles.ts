import { css } from 'lit';

/** The endpoints, the add form's event grid, the one-time secret and the delivery log. */
export const webhooksStyles = css`
  .form {
    padding: 12px;
    border: 1px solid var(--_border);
    border-radius: 6px;
  }
  .intro,
  .admins-only {
    margin: 0;
    color: var(--_muted);
  }
  .subheading {
    font-weight: 600;
  }
  .endpoints,
  .deliveries,
  .attempts {
    display: grid;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .endpoint {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 8px 16px;
    padding-block: 12px;
    border-block-start: 1px solid var(--_border);
  }
  /* An endpoint being edited: its form takes the row. */
  .endpoint > .form {
    flex: 1 1 100%;
  }
  .endpoint:first-child {
    border-block-start: 0;
  }
  .what {
    display: grid;
    gap: 2px;
    min-inline-size: 0;
    flex: 1 1 260px;
  }
  .url {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .muted,
  .when {
    color: var(--_muted);
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .state {
    font-size: 0.875em;
    font-weight: 500;
  }
  .state[data-active='false'] {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .button.danger {
    color: var(--_danger);
  }
  .button.small {
    padding-block: 2px;
    font-size: 0.875em;
  }
  .confirm,
  .deliveries-panel {
    display: grid;
    flex-basis: 100%;
    gap: 8px;
  }
  .confirm {
    grid-template-columns: 1fr auto auto;
    align-items: center;
  }
  .confirm p {
    margin: 0;
  }
  .deliveries-panel[hidden] {
    display: none;
  }
  .delivery {
    display: grid;
    gap: 4px;
    padding-block: 8px;
    border-block-start: 1px solid var(--_border);
  }
  .delivery-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 12px;
  }
  .event-type {
    font-weight: 500;
  }
  .delivery p {
    margin: 0;
  }
  .delivery-head [part~='replay-button'] {
    margin-inline-start: auto;
  }
  .status {
    padding-inline: 6px;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.75em;
  }
  .status[data-status='failed'] {
    color: var(--_danger);
  }
  .status[data-status='delivered'] {
    color: var(--_accent);
  }
  .attempts {
    gap: 4px;
    padding-inline-start: 12px;
    font-size: 0.875em;
  }
  .answer {
    max-block-size: 8em;
    margin: 2px 0 0;
    padding: 4px 8px;
    overflow: auto;
    border-radius: 4px;
    background: color-mix(in srgb, var(--_text) 6%, transparent);
    font-size: 0.8125em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .secret {
    display: grid;
    gap: 8px;
    padding: 12px;
    border: 1px solid var(--_accent);
    border-radius: 6px;
  }
  .secret p {
    margin: 0;
  }
  .secret-once {
    font-weight: 600;
  }
  .secret-row {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .secret-value {
    flex: 1 1 240px;
    font-family: ui-monospace, monospace;
  }
  .events {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .event-grid-wrap {
    overflow-x: auto;
  }
  .event-grid {
    border-collapse: collapse;
    font-size: 0.875em;
  }
  .event-grid th,
  .event-grid td {
    padding: 4px 8px;
    text-align: center;
  }
  .event-grid th[scope='row'] {
    font-weight: 400;
    text-align: start;
  }
  @media (max-width: 480px) {
    .confirm {
      grid-template-columns: 1fr;
    }
  }
`;
