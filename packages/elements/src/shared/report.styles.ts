import { css } from 'lit';

/**
 * What reports (the funnel, the forecast) share: a header with a title row, its controls and a caption; the
 * skeleton rows while loading; the empty state.
 */
export const reportHeader = css`
  .header {
    display: grid;
    gap: 8px;
  }
  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 16px;
  }
  .heading {
    flex: 1 1 auto;
    font-size: 18px;
    font-weight: 600;
    line-height: 1.3;
  }
  /* The period controls (shared/period.ts): previous, kind, next, as tall as the select. */
  .period,
  .actions {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .period .icon {
    min-inline-size: 36px;
    min-block-size: 34px;
    justify-content: center;
    font-size: 18px;
    line-height: 1;
  }
  .caption {
    margin: 0;
    color: var(--_muted);
    font-size: 14px;
  }
  .skeleton {
    display: grid;
    gap: 12px;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: 128px 1fr;
    align-items: center;
    gap: 16px;
  }
  .empty-state {
    padding: 32px 16px;
    text-align: center;
  }
`;
