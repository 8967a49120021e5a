import { css } from 'lit';

/** The avatar and the lifecycle-stage badge, as the customer card and the customer list draw them. */
export const badges = css`
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: var(--_avatar, 40px);
    block-size: var(--_avatar, 40px);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    color: var(--_accent);
    font-weight: 600;
    font-size: 15px;
    letter-spacing: 0.02em;
    line-height: 1;
    user-select: none;
  }
  .avatar[data-kind='person'] {
    border-radius: 50%;
  }

  .stage {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 13px;
    line-height: 1.6;
    white-space: nowrap;
  }
  .dot {
    flex: none;
    inline-size: 0.5em;
    block-size: 0.5em;
    border-radius: 50%;
    background: var(--_stage, var(--_muted));
  }
  [data-stage='lead'] {
    --_stage: light-dark(#2563eb, #7aa7ff);
  }
  [data-stage='prospect'] {
    --_stage: light-dark(#d97706, #fbbf24);
  }
  [data-stage='customer'] {
    --_stage: light-dark(#16a34a, #4ade80);
  }
  [data-stage='evangelist'] {
    --_stage: light-dark(#9333ea, #c084fc);
  }
  [data-stage='churned'] {
    --_stage: light-dark(#dc2626, #f87171);
  }
`;
