import { css } from 'lit';

/**
 * What reports (the funnel, the forecast) share: a header with a title row, its controls and a caption; the
 * skeleton rows while loading; the empty state.
 */
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
  .skeleton {
    display: grid;
    gap: 0.75rem;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: 8rem 1fr;
    align-items: center;
    gap: 1rem;
  }
  .empty-state {
    padding: 2rem 1rem;
    text-align: center;
  }
`;
