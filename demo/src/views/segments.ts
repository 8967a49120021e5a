import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

interface SegmentsPageOptions {
  account: Account;
  bundle: ClientBundle;
  /** The organization's segments as the kit lists them for this user, by name. */
  segments: { id: string; name: string }[];
  /** The segment on show; `'new'` for the builder of a new one, `null` for one that does not exist for them. */
  current: { id: string; name: string } | 'new' | null;
}

/** Whether the member may build segments: everyone the kit lets write them, so not a viewer. */
export const mayBuildSegments = (account: Account) => account.role !== 'viewer';

/**
 * The segments: the saved ones beside the builder, for a new segment or the one chosen, and the
 * chosen segment's customers below it.
 */
export function segmentsPage({ account, bundle, segments, current }: SegmentsPageOptions) {
  const t = messages[portalLang(account.locale)];
  const chosen = current === 'new' ? null : current;
  const building = current === 'new' && mayBuildSegments(account);
  const link = (href: string, label: string, here: boolean) =>
    html`<li><a href="${href}" aria-current="${here ? 'page' : 'false'}">${label}</a></li>`;
  return portalPage({
    account,
    title: chosen?.name ?? t.segments.title,
    bundle,
    section: 'segments',
    scripts: ['segments.ts'],
    main: html`<div class="page-head">
        <h1>${t.segments.title}</h1>
        <p class="muted">${t.segments.lead}</p>
      </div>
      <div class="segments-page">
        <nav class="segment-nav" aria-label="${t.segments.saved}">
          <ul>
            ${mayBuildSegments(account) ? link('/segments', t.segments.new, current === 'new') : ''}
            ${segments.map((segment) => link(`/segments/${segment.id}`, segment.name, segment.id === chosen?.id))}
          </ul>
          ${segments.length ? '' : html`<p class="muted">${t.segments.none}</p>`}
        </nav>
        ${
          current === null
            ? html`<p class="muted">${t.segments.missing}</p>`
            : !chosen && !building
              ? ''
              : html`<crm-provider
                  class="segment-work"
                  base-url="${API_BASE}"
                  locale="${componentLocale(account.locale)}"
                  currency="${account.currency}"
                >
                  <crm-segment-builder segment-id="${chosen?.id ?? ''}"></crm-segment-builder>
                  ${
                    chosen
                      ? html`<section class="segment-members" aria-labelledby="members-heading">
                          <h2 id="members-heading">${t.segments.members}</h2>
                          <crm-customer-list
                            segment-id="${chosen.id}"
                            label="${t.segments.members}"
                          ></crm-customer-list>
                        </section>`
                      : ''
                  }
                </crm-provider>`
        }
      </div>`,
  });
}
