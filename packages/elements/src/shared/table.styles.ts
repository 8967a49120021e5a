import { css } from 'lit';

/** Tables of figures (the funnel's, the forecast's): compact rows, numbers aligned at the end. */
export const tables = css`
  .table-box {
    overflow-x: auto;
    /* The containing block of what is positioned inside (a visually hidden header): else it sits
       outside the scroll box and widens the page on a narrow screen. */
    position: relative;
  }
  .table {
    inline-size: 100%;
    border-collapse: collapse;
    font-size: 14px;
    font-variant-numeric: tabular-nums;
  }
  .table th,
  .table td {
    padding: 7px 10px;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
    white-space: nowrap;
  }
  .table thead th {
    color: var(--_muted);
    font-weight: 500;
    font-size: 13px;
  }
  .table .num {
    text-align: end;
  }
  .table tbody th {
    font-weight: 600;
  }
  .muted {
    color: var(--_muted);
    font-size: 13px;
  }
`;
