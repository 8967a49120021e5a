import { CrmClient } from '@crmkit/core';
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { crmContext, type CrmContext, type CrmTheme } from './context.js';
import { localizer, resolveLocale, type Localizer } from './localize.js';
import { PageLangController } from './page-lang.js';

/**
 * The base of crmkit's elements that talk to the kit. It finds the API client and locale in the
 * nearest `<crm-provider>`, or builds them from its own attributes when it is used alone. An
 * attribute set on the element itself wins over the provider's value.
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

  /** Strings and formats in the locale in effect for this element. */
  protected get localize(): Localizer {
    const locale = this.locale || !this.crm ? resolveLocale(this.locale, this) : this.crm.locale;
    return localizer(locale);
  }
}
