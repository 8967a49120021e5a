import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.5;
    --_avatar: 2.5rem;
  }
  :host([variant='compact']) {
    --_avatar: 2rem;
  }

  /* The card adapts to the room it gets, not to the viewport. */
  .root {
    container: crm-card / inline-size;
  }

  .card {
    box-sizing: border-box;
    display: grid;
    gap: calc(var(--_spacing) * 0.875);
    padding: var(--crm-card-padding, var(--_padding, var(--_spacing)));
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  :host([variant='compact']) .card {
    --_padding: calc(var(--_spacing) * 0.75);
  }
  .card:focus {
    outline: none;
  }
  .card:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }

  /* Header: avatar, then name and details; actions at the end. */
  .header {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    flex-wrap: wrap;
  }
  .identity {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
    flex: 1 1 14rem;
    min-inline-size: 0;
    cursor: pointer;
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    inline-size: var(--_avatar);
    block-size: var(--_avatar);
    border-radius: calc(var(--_radius) * 0.75);
    background: color-mix(in srgb, var(--_accent) 14%, var(--_surface));
    color: var(--_accent);
    font-weight: 600;
    font-size: 0.9375rem;
    letter-spacing: 0.02em;
    line-height: 1;
    user-select: none;
  }
  .avatar[data-kind='person'] {
    border-radius: 50%;
  }
  :host([variant='compact']) .avatar {
    font-size: 0.8125rem;
  }
  .title {
    display: grid;
    gap: 0.125rem;
    flex: 1;
    min-inline-size: 0;
  }
  .heading {
    margin: 0;
    font-size: 1.0625em;
    font-weight: 600;
    line-height: 1.35;
  }
  :host([variant='compact']) .heading {
    font-size: 1em;
  }
  .name {
    margin: 0;
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    cursor: pointer;
    border-radius: 2px;
  }
  .identity:hover .name {
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
  }
  .name:focus-visible,
  a:focus-visible,
  .retry:focus-visible {
    outline: var(--_focus-ring);
    outline-offset: 2px;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.625rem;
    font-size: 0.875em;
  }
  .subtitle {
    color: var(--_muted);
  }
  .stage {
    display: inline-flex;
    align-items: center;
    gap: 0.375em;
    padding: 0 0.5em;
    border: 1px solid var(--_border);
    border-radius: 999px;
    font-size: 0.9285em;
    line-height: 1.6;
    white-space: nowrap;
  }
  .dot {
    inline-size: 0.5em;
    block-size: 0.5em;
    border-radius: 50%;
    background: var(--_stage, var(--_muted));
  }
  .stage[data-stage='lead'] {
    --_stage: light-dark(#2563eb, #7aa7ff);
  }
  .stage[data-stage='prospect'] {
    --_stage: light-dark(#d97706, #fbbf24);
  }
  .stage[data-stage='customer'] {
    --_stage: light-dark(#16a34a, #4ade80);
  }
  .stage[data-stage='evangelist'] {
    --_stage: light-dark(#9333ea, #c084fc);
  }
  .stage[data-stage='churned'] {
    --_stage: light-dark(#dc2626, #f87171);
  }
  .contact-line {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.75rem;
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin-inline-start: auto;
  }
  .actions[hidden] {
    display: none;
  }
  /* Too narrow for actions beside the name: they go on their own line, under the name. */
  @container crm-card (max-width: 26rem) {
    .actions {
      flex-basis: 100%;
      margin-inline-start: calc(var(--_avatar) + 0.75rem);
    }
  }

  a {
    color: var(--_accent);
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
    border-radius: 2px;
  }
  a:not(:hover) {
    text-decoration-color: color-mix(in srgb, currentColor 40%, transparent);
  }

  /* Body: labelled fields in as many columns as fit (one at phone widths). */
  .body {
    display: grid;
    gap: 0.75rem;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 13rem), 1fr));
    gap: 0.75rem 1.5rem;
    margin: 0;
    font-size: 0.9375em;
  }
  .field {
    min-inline-size: 0;
  }
  .field[data-field='tags'],
  .field[data-field='address'] {
    grid-column: 1 / -1;
  }
  dt {
    color: var(--_muted);
    font-size: 0.8667em;
  }
  dd {
    margin: 0;
  }
  .values,
  .tags {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
    padding-block-start: 0.125rem;
  }
  .tag {
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_surface-muted);
    border: 1px solid var(--_border);
    font-size: 0.8667em;
    line-height: 1.6;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    padding-block-start: 0.75rem;
    border-block-start: 1px solid var(--_border);
    color: var(--_muted);
    font-size: 0.8125em;
  }

  /* Loading: grey bones where the content will be. */
  .bone {
    display: block;
    border-radius: 4px;
    background: var(--_surface-muted);
    animation: pulse 1.4s ease-in-out infinite;
  }
  .bone.avatar {
    border-radius: calc(var(--_radius) * 0.75);
  }
  .line {
    block-size: 0.875em;
    margin-block: 0.3em;
  }
  .line.small {
    block-size: 0.75em;
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .bone {
      animation: none;
    }
  }

  /* Error and empty states. */
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5rem 0.75rem;
  }
  .error-icon {
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin-block-start: 0.0625rem;
    color: var(--_danger);
  }
  .error-text {
    flex: 1 1 12rem;
    min-inline-size: 0;
  }
  .error-message {
    margin: 0;
    font-weight: 600;
  }
  .error-detail {
    margin: 0.125rem 0 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .retry {
    flex: none;
    margin-inline-start: auto;
    padding: 0.3125rem 0.875rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-size: 0.875em;
    font-weight: 500;
    cursor: pointer;
  }
  .retry:hover {
    background: var(--_surface-muted);
  }
  .empty {
    color: var(--_muted);
    font-size: 0.9375em;
  }
`;
