import { css } from 'lit';

/** The header of a report (the funnel, the forecast): a title row with its controls, and a caption. */
export const reportHeader = css`
  .header {
    display: grid;
    gap: 0.5rem;
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
  }
  .heading {
    flex: 1 1 auto;
    font-size: 1.125rem;
    font-weight: 600;
    line-height: 1.3;
  }
  .caption {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
`;
