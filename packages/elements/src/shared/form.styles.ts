import { css } from 'lit';

/** The forms of form-fields.ts: a grid of labelled fields that is one column on a phone. */
export const formStyles = css`
  .form {
    display: grid;
    gap: 1rem;
    padding: 1rem 1.25rem 1.25rem;
  }
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: 0.875rem 1rem;
  }
  .field {
    display: grid;
    align-content: start;
    gap: 0.25rem;
    min-inline-size: 0;
  }
  .field.wide {
    grid-column: 1 / -1;
  }
  .field-label {
    font-size: 0.875rem;
    font-weight: 500;
    color: var(--_text);
  }
  .required-mark {
    color: var(--_danger);
  }
  .field-error {
    margin: 0;
    color: var(--_danger);
    font-size: 0.8125rem;
  }
  .form-note {
    margin: 0;
    color: var(--_muted);
    font-size: 0.8125rem;
  }
  /* Why the form as a whole was refused (not a field's fault). */
  .form-error {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_danger) 45%, Canvas);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_danger) 9%, var(--_surface));
    font-size: 0.875rem;
  }
  .form-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 0.5rem;
  }
  /* Inputs at a comfortable size for a form (and 16px on a phone, so it does not zoom in). */
  .form .control {
    --_control-height: 2.5rem;
    --_control-font-size: 1rem;
  }
  @media (max-width: 36rem) {
    .form-actions .button {
      flex: 1;
      min-block-size: 2.75rem;
    }
  }
`;
