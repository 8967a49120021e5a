import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
    font-family: var(--_font);
  }
  .fixed-value {
    display: flex;
    align-items: center;
    min-block-size: 40px;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .duplicates {
    padding: 10px 12px;
    border: 1px solid color-mix(in srgb, var(--_accent) 40%, var(--_surface));
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
    font-size: 14px;
  }
  .duplicates-title {
    margin: 0 0 4px;
    font-weight: 500;
  }
  .duplicates ul {
    margin: 0;
    padding-inline-start: 20px;
  }
  .duplicate-reason {
    color: var(--_muted);
  }
  /* A multi-select field: its options as checkboxes under its legend. */
  fieldset.choices {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  fieldset.choices legend {
    padding: 0;
  }
  fieldset.choices .field {
    gap: 0;
  }
  .form-error-region:empty {
    display: none;
  }
`;
