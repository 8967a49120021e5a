import { CrmClient } from '@crmkit/core';
import { CapabilitiesLoader } from './capabilities.js';
import { ContextProvider } from '@lit/context';
import { html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { changeStreamOf } from '../shared/change-stream.js';
import { changeStreamContext, crmContext, type CrmContext, type CrmTheme } from '../shared/context.js';
import { define } from '../shared/define.js';
import { ownChangeStreams } from '../shared/own-change-streams.js';
import { resolveLocale } from '../shared/localize.js';
import { PageLangController } from '../shared/page-lang.js';
import { styles } from './provider.styles.js';

// Elements with a client of their own, outside any provider, use the stream's code this module brings.
ownChangeStreams.register(changeStreamOf);

/**
 * Wrap a part of the page (or all of it) in one provider instead of configuring each element.
 * Localization is per provider: two providers on one page may use two locales, and the page's
 * own localization is never touched. The provider renders no box of its own
 * (`display: contents`). An element's own attributes (`base-url`, `locale`, `theme`) win over
 * the provider's.
 *
 * The elements inside share one connection to the kit's change stream (`/events`), which the
 * provider opens while any of them follows changes, and reconnects when it drops.
 *
 * Once an element inside asks, the provider also reads what the signed-in caller may do (`GET /me`: their role, what they may
 * create, edit, move or delete, whose records they see), so that the elements inside offer only
 * that: no composer for a viewer, no "New deal" for a token that may only read. It reads it again
 * when `token` or `client` changes, when the change stream tells of a change to people or teams,
 * and on `refreshCapabilities()` (e.g. after the host signed someone else in).
 *
 * @summary Supplies the API client, locale, currency, theme, the caller's capabilities and one change stream to every `crm-*` element inside it.
 * @tag crm-provider
 * @slot - The content; `crm-*` elements anywhere inside (also inside other shadow roots) use this provider.
 *
 * @cssproperty --crm-font-family - Set here, themes every element inside (as do all `--crm-*` tokens); default: the page's font.
 * @cssproperty --crm-color-accent - Links, focus rings and avatars of every element inside.
 * @cssproperty --crm-color-text - Main text colour of every element inside.
 * @cssproperty --crm-color-text-muted - Labels and secondary text of every element inside.
 * @cssproperty --crm-color-surface - Background of cards and panels inside.
 * @cssproperty --crm-color-border - Borders and dividers inside.
 * @cssproperty --crm-radius - Corner radius of cards and panels inside.
 * @cssproperty --crm-spacing - The base spacing unit inside.
 */
export class CrmProvider extends LitElement {
  static override styles = styles;

  /** Where the kit is mounted, e.g. `/api/crm`. Ignored when `client` is set. */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** A bearer token (an embed token or API key). Without one the browser's cookies are sent. */
  @property() token = '';

  /**
   * `en`, `zh-Hant` or `zh-Hans` (tags such as `zh-TW` are matched to these). Defaults to the
   * page's `lang` (the nearest `lang` attribute above the provider), else `en`.
   */
  @property() locale = '';

  /** An ISO 4217 code (e.g. `USD`, `TWD`) for screens that have to choose a display currency. */
  @property() currency = '';

  /** `light` or `dark` forces a colour scheme on everything inside; `auto` (the default) follows the page. */
  @property({ reflect: true }) theme?: CrmTheme;

  /** A ready `CrmClient` (from `@crmkit/core`); when set it is used instead of `base-url` and `token`. */
  @property({ attribute: false }) client?: CrmClient;

  /**
   * Returns a fresh token; called before every request, so short-lived embed tokens can be
   * renewed. Takes precedence over `token`.
   */
  @property({ attribute: false }) tokenProvider?: () => string | Promise<string>;

  readonly #context = new ContextProvider(this, { context: crmContext });
  readonly #changes = new ContextProvider(this, { context: changeStreamContext });
  #builtClient?: CrmClient;
  #builtFor = '';
  readonly #capabilities = new CapabilitiesLoader(this, () => this.#provide());

  constructor() {
    super();
    new PageLangController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Before the first render, so elements inside that connect right after us get a value.
    this.#provide();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another token may be another person. (A token provider renews one person's token: a host
    // that signs someone else in through it calls `refreshCapabilities()`.)
    if (this.hasUpdated && changed.has('token')) this.#capabilities.forget();
    this.#provide();
  }

  readonly #wantCapabilities = () => {
    // Asked while an element renders: read them after it.
    if (this.#capabilities.want()) queueMicrotask(() => this.#provide());
  };

  /** Reads the caller's capabilities again, e.g. after the host signed someone else in. */
  refreshCapabilities(): void {
    this.#capabilities.forget();
    this.#provide();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  #provide(): void {
    const next: CrmContext = {
      client: this.#effectiveClient(),
      locale: resolveLocale(this.locale, this),
      currency: this.currency || undefined,
      theme: this.theme ?? 'auto',
    };
    // One stream per client: the elements inside listen to it, and it opens only while they do.
    const changes = next.client ? changeStreamOf(next.client) : undefined;
    if (this.#changes.value !== changes) this.#changes.setValue(changes);
    next.capabilities = this.#capabilities.for(next.client, changes);
    next.wantCapabilities = this.#wantCapabilities;
    const current = this.#context.value as CrmContext | undefined;
    // A new object only when something changed, so consumers do not re-render for nothing.
    if (
      !current ||
      current.client !== next.client ||
      current.locale !== next.locale ||
      current.currency !== next.currency ||
      current.theme !== next.theme ||
      current.capabilities !== next.capabilities
    ) {
      this.#context.setValue(next);
    }
  }

  #effectiveClient(): CrmClient | undefined {
    if (this.client) return this.client;
    if (!this.baseUrl) return undefined;
    const locale = resolveLocale(this.locale, this);
    const builtFor = `${locale} ${this.baseUrl}`;
    if (!this.#builtClient || this.#builtFor !== builtFor) {
      // Token and token provider are read per request, so renewing them keeps the same client
      // (and does not make every element below reload). The locale goes with each request, so
      // the kit sorts names as its readers expect (by stroke count in Traditional Chinese).
      this.#builtClient = new CrmClient({
        baseUrl: this.baseUrl,
        token: async () => (this.tokenProvider ? await this.tokenProvider() : this.token),
        headers: { 'accept-language': locale },
      });
      this.#builtFor = builtFor;
    }
    return this.#builtClient;
  }
}

define('crm-provider', CrmProvider);

declare global {
  interface HTMLElementTagNameMap {
    'crm-provider': CrmProvider;
  }
}
