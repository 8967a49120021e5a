import { CrmClient, type Capabilities, type CapabilityResource } from '@crmkit/core';
import { consume } from '@lit/context';
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { crmContext, type CrmContext, type CrmTheme } from './context.js';
import { catalogs, localizer, resolveLocale, type CrmLocale, type Localizer } from './localize.js';
import { PageLangController } from './page-lang.js';

/**
 * The base of crmkit's elements that talk to the kit. It finds the API client and locale in the
 * nearest `<crm-provider>`, or builds them from its own attributes when it is used alone. An
 * attribute set on the element itself wins over the provider's value.
 *
 * The strings of a locale other than English load on demand (see `catalogs` in localize.ts), and an
 * element never shows a locale before its strings are here: while they load, its update waits (see
 * `scheduleUpdate`). So on a Chinese page an element first renders once the Chinese catalog has
 * arrived, never in English first; when the locale changes (its `locale`, its provider's, the page's
 * `lang`), it keeps showing what it shows, in the language it shows it in, until the new strings are
 * here, then renders in the new language.
 *
 * The design tokens below (see tokens.ts) theme every element; set them on the element or on any
 * ancestor. Each element documents its own tokens besides these.
 *
 * @cssproperty [--crm-font-family=inherit] - Font family; by default the page's.
 * @cssproperty [--crm-color-text=CanvasText] - Main text colour.
 * @cssproperty [--crm-color-text-muted=color-mix(in srgb, CanvasText 68%, Canvas)] - Labels and secondary text.
 * @cssproperty [--crm-color-surface=light-dark(Canvas, color-mix(in srgb, CanvasText 5%, Canvas))] - The element's background: it always paints its own, under all its text.
 * @cssproperty [--crm-color-surface-muted=color-mix(in srgb, CanvasText 7%, Canvas)] - Tags, figures, hovered rows and skeletons.
 * @cssproperty [--crm-color-border=color-mix(in srgb, CanvasText 16%, Canvas)] - Borders and dividers.
 * @cssproperty [--crm-color-field=light-dark(Canvas, color-mix(in srgb, CanvasText 3%, Canvas))] - Background of inputs, selects and text areas.
 * @cssproperty [--crm-color-accent=light-dark(#1d4ed8, #9cbcff)] - Links, focus ring, avatars and primary buttons.
 * @cssproperty [--crm-color-danger=light-dark(#b42318, #ffa198)] - Errors and overdue dates.
 * @cssproperty [--crm-radius=8px] - Corner radius.
 * @cssproperty [--crm-spacing=16px] - The base spacing unit.
 * @cssproperty [--crm-shadow=0 1px 2px rgb(0 0 0 / 0.06)] - The element's shadow.
 * @cssproperty [--crm-focus-ring=2px solid var(--crm-color-accent)] - Outline of focused controls.
 */
export class CrmElement extends LitElement {
  /**
   * Where the kit is mounted, e.g. `/api/crm` or `https://crm.example.com/api/crm`. Needed only
   * outside a `<crm-provider>`.
   */
  @property({ attribute: 'base-url' }) baseUrl = '';

  /** A bearer token (an embed token or API key) for `base-url`; without one the browser's cookies are sent. */
  @property() token = '';

  /**
   * `en`, `zh-Hant` or `zh-Hans` (tags such as `zh-TW` are matched to these). Defaults to the
   * provider's locale, else the page's `lang`, else `en`.
   */
  @property() locale = '';

  /** `light` or `dark` forces a colour scheme; `auto` (or no attribute) follows the page. */
  @property({ reflect: true }) theme?: CrmTheme;

  /** What the nearest `<crm-provider>` supplies, if there is one. */
  @consume({ context: crmContext, subscribe: true })
  @state()
  protected crm?: CrmContext;

  #ownClient?: CrmClient;
  #ownClientBaseUrl = '';
  /** The locale of the last render. */
  #shownLocale?: CrmLocale;

  constructor() {
    super();
    new PageLangController(this);
  }

  /** The client requests go through: one for this element's own `base-url`, else the provider's. */
  protected get client(): CrmClient | undefined {
    if (!this.baseUrl) return this.crm?.client;
    if (!this.#ownClient || this.#ownClientBaseUrl !== this.baseUrl) {
      // The token is read at request time, so a new token does not make a new client.
      this.#ownClient = new CrmClient({ baseUrl: this.baseUrl, token: () => this.token });
      this.#ownClientBaseUrl = this.baseUrl;
    }
    return this.#ownClient;
  }

  /**
   * What the caller may do, as the provider read it (`GET /me`). Undefined outside a provider, with a
   * `base-url` of the element's own (another client than the provider's), or before it is known.
   */
  protected get capabilities(): Capabilities | undefined {
    if (this.baseUrl) return undefined;
    this.crm?.wantCapabilities?.();
    return this.crm?.capabilities;
  }

  /**
   * Whether to offer an action: false only when the capabilities say the caller may not. Unknown
   * capabilities offer it, as elements did before they knew of them; the kit still decides.
   */
  protected may(resource: CapabilityResource, action: 'create' | 'edit' | 'delete' | 'move'): boolean {
    const capabilities = this.capabilities;
    if (!capabilities) return true;
    if (action === 'move') return capabilities.opportunities.move;
    return capabilities.resources[resource][action];
  }

  /**
   * Whether to offer a way to create a record: only when the capabilities are known and allow it,
   * so that an element used alone (no provider) shows no button that may well be refused.
   */
  protected offersCreate(resource: CapabilityResource): boolean {
    return Boolean(this.capabilities?.resources[resource].create);
  }

  /** Whether the caller sees records of this owner: the owners to offer in a filter or a picker. */
  protected seesOwner(userId: string): boolean {
    const owners = this.capabilities?.owners;
    return !owners || owners.includes(userId);
  }

  /**
   * Strings and formats in the locale in effect for this element. While that locale's strings are
   * still loading (an update is waiting for them), the locale it last rendered in, so that what an
   * element computes meanwhile (an announcement when data arrives) matches what it shows.
   */
  protected get localize(): Localizer {
    const locale = this.#locale();
    return localizer(this.#shownLocale && catalogs.pending(locale) ? this.#shownLocale : locale);
  }

  /** The locale this element is to speak: its own `locale`, else its provider's, else the page's `lang`. */
  #locale(): CrmLocale {
    return this.locale || !this.crm ? resolveLocale(this.locale, this) : this.crm.locale;
  }

  /**
   * Holds each update until the strings of the locale in effect are here: the first render of a
   * Chinese element waits for the Chinese catalog, and a change of locale keeps the element as it is
   * until the new catalog arrives. Updates requested meanwhile join the held one. If the catalog cannot
   * be loaded, the element renders with English strings rather than not at all.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const locale = this.#locale();
    if (!catalogs.pending(locale)) return super.scheduleUpdate();
    // The locale may change again while this one loads: ask again once it is here.
    return catalogs.load(locale).then(
      () => this.scheduleUpdate(),
      () => this.scheduleUpdate(),
    );
  }

  protected override update(changed: PropertyValues<this>): void {
    this.#shownLocale = this.localize.locale;
    super.update(changed);
  }
}
