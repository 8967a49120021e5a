import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
    font-family: var(--_font);
  }
  .fixed-value {
    display: flex;
    align-items: center;
    min-block-size: 2.5rem;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .duplicates {
    padding: 0.625rem 0.75rem;
    border: 1px solid color-mix(in srgb, var(--_accent) 40%, Canvas);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_accent) 8%, var(--_surface));
    font-size: 0.875rem;
  }
  .duplicates-title {
    margin: 0 0 0.25rem;
    font-weight: 500;
  }
  .duplicates ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .duplicate-reason {
    color: var(--_muted);
  }
  .form-error-region:empty {
    display: none;
  }
`;
