import type { ActivityType, CrmClient } from '@crmkit/core';
import type { ReactiveControllerHost } from 'lit';
import type { Localizer } from '../shared/localize.js';
import type { Target } from './target.js';

/** What the activity log's controllers read from the element and ask of it. */
export interface LogHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly hasUpdated: boolean;
  readonly filter: ActivityType | '';
  readonly readonly: boolean;
  readonly noLive: boolean;
}

/** The element's protected parts its controllers use, handed over as functions. */
export interface LogContext {
  client(): CrmClient | undefined;
  target(): Target | null | undefined;
  localize(): Localizer;
  /** How many entries each request loads. */
  limit(): number;
  /** Says something through the element's live region. */
  announce(text: string): void;
}
