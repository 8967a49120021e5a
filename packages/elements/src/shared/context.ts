import { createContext } from '@lit/context';
import type { Capabilities, CrmClient } from '@crmkit/core';
import type { ChangeStream } from './change-stream.js';
import type { CrmLocale } from './localize.js';

/** How a component picks its colours: follow the page (`auto`) or force one scheme. */
export type CrmTheme = 'light' | 'dark' | 'auto';

/** What `<crm-provider>` hands down to every `crm-*` element inside it. */
export interface CrmContext {
  /** The API client; absent when the provider has neither a `client` nor a `base-url`. */
  client: CrmClient | undefined;
  locale: CrmLocale;
  /** The currency amounts are shown in when a screen has to pick one (e.g. a total). */
  currency: string | undefined;
  theme: CrmTheme;
  /**
   * What the signed-in caller may see and do (`GET /me`), once the provider has read it: elements
   * offer only what will work. Undefined until then, or when it could not be read: elements then
   * offer everything, and the kit's refusal is handled as it comes.
   */
  capabilities?: Capabilities;
  /**
   * Asks the provider to read the capabilities, if it has not: called by the elements that offer
   * something to do, so that a provider of read-only elements never asks.
   */
  wantCapabilities?: () => void;
}

/**
 * The context key. A string (not a `Symbol()`) so that two copies of the library on one page
 * still find each other's providers.
 */
export const crmContext = createContext<CrmContext>('crmkit/context');

/** The one change stream (`/events`) of a `<crm-provider>`, which the elements inside it share. */
export const changeStreamContext = createContext<ChangeStream | undefined>('crmkit/change-stream');
