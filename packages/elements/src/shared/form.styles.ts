import { css } from 'lit';

/** The forms of form-fields.ts: a grid of labelled fields that is one column on a phone. */
export const formStyles = css`
  .form {
    display: grid;
    gap: 16px;
    padding: 16px 20px 20px;
  }
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 224px), 1fr));
    gap: 14px 16px;
  }
  .field {
    display: grid;
    align-content: start;
    gap: 4px;
    min-inline-size: 0;
  }
  .field.wide {
    grid-column: 1 / -1;
  }
  .field-label {
    font-size: 14px;
    font-weight: 500;
    color: var(--_text);
  }
  .required-mark {
    color: var(--_danger);
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 13px;
  }
  .form-note {
    margin: 0;
    color: var(--_muted);
    font-size: 13px;
  }
  /* Why the form as a whole was refused (not a field's fault). */
  .form-error {
    margin: 0;
    padding: 8px 12px;
    border: 1px solid color-mix(in srgb, var(--_danger) 45%, var(--_surface));
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_danger) 9%, var(--_surface));
    font-size: 14px;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
  }
  /* Inputs at a comfortable size for a form (and 16px on a phone, so it does not zoom in). */
  .form .control {
    --_control-height: 40px;
    --_control-font-size: 16px;
  }
  @media (max-width: 576px) {
    .form-actions .button {
      flex: 1;
      min-block-size: 44px;
    }
  }
`;
