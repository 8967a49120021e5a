import { html } from 'hono/html';
import type { Account } from '../auth/accounts.js';
import type { ClientBundle } from '../bundle.js';
import { componentLocale, messages, portalLang } from '../i18n.js';
import { API_BASE } from './customers.js';
import { portalPage } from './layout.js';

interface PipelinePageOptions {
  account: Account;
  bundle: ClientBundle;
  /** The organization's default pipeline, as the kit answered for this user. */
  pipeline: { id: string; name: string } | null;
  /** The board's filters, e.g. from a figure of the forecast ('' for none). */
  filters?: { ownerId: string; closeFrom: string; closeTo: string };
}

/** The deals board of the default pipeline, and its funnel below. */
export function pipelinePage({ account, bundle, pipeline, filters }: PipelinePageOptions) {
  const t = messages[portalLang(account.locale)];
  return portalPage({
    account,
    title: t.pipeline.title,
    bundle,
    section: 'pipeline',
    scripts: ['pipeline.ts'],
    // The page is "Pipeline"; the board below is headed by the pipeline's own name (level 2), and
    // the funnel by "Sales funnel: <name>", so nothing is said twice.
    main: html`<div class="page-head">
        <h1>${t.pipeline.title}</h1>
        <p class="muted">${pipeline ? t.pipeline.lead : t.pipeline.none}</p>
      </div>
      ${
        pipeline
          ? html`<crm-provider
              class="pipeline-page"
              base-url="${API_BASE}"
              locale="${componentLocale(account.locale)}"
              currency="${account.currency}"
            >
              <crm-pipeline-board
                pipeline-id="${pipeline.id}"
                owner-id="${filters?.ownerId ?? ''}"
                close-from="${filters?.closeFrom ?? ''}"
                close-to="${filters?.closeTo ?? ''}"
              ></crm-pipeline-board>
              <section class="panel funnel-panel" aria-label="${t.pipeline.funnel}">
                <crm-funnel-chart pipeline-id="${pipeline.id}"></crm-funnel-chart>
              </section>
            </crm-provider>`
          : ''
      }`,
  });
}
