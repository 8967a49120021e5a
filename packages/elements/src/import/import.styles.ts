import { css } from 'lit';

export const importStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .drop {
    display: grid;
    gap: 8px;
    padding: var(--_spacing);
    border: 2px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .drop.over {
    border-color: var(--_accent);
  }
  .drop p,
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 8px 16px;
  }
  .row label {
    display: grid;
    gap: 4px;
    font-size: 0.875em;
  }
  fieldset {
    display: grid;
    gap: 6px;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    margin-block-end: 4px;
    font-weight: 600;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: 0.875em;
  }
  th,
  td {
    padding: 6px 8px;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }
  th {
    overflow-wrap: normal;
  }
  /* On a phone the samples give way to the column and its field. */
  @container (max-width: 480px) {
    .sample {
      display: none;
    }
  }
  td.sample {
    max-inline-size: 240px;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  progress {
    inline-size: 100%;
    block-size: 10px;
    accent-color: var(--_accent);
  }
  .figures {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 24px;
    margin: 0;
  }
  .figures div {
    display: grid;
  }
  .figures dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .figures dd {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
  }
  .notice {
    margin: 0;
    color: var(--_danger);
  }
  .status {
    margin: 0;
  }
  /* Focus lands on the title when a run ends, so the reader starts at the result: no ring for that. */
  .heading:focus:not(:focus-visible) {
    outline: none;
  }
  caption {
    padding-block-end: 4px;
    font-weight: 600;
    text-align: start;
  }
  .failures ul {
    margin: 0;
    padding-inline-start: 1.2em;
  }
`;
