import { fixture, html, waitUntil } from '@open-wc/testing';
import type { CrmOpportunityCard } from '../src/opportunity-card/opportunity-card.js';
import { knownCapabilities } from './capabilities.js';
import { ACME_ADMIN, BASE_URL, tokenFor } from './kit.js';

/**
 * An editable `<crm-opportunity-card>` of deal `id` as `email` sees it, loaded. The card offers only
 * what the capabilities allow: they are known first, as they are on a real page.
 */
export async function editableDealCard(id: string, { email = ACME_ADMIN, locale = 'en' } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-opportunity-card opportunity-id=${id} editable style="max-width: 56rem"></crm-opportunity-card>
    </crm-provider>
  `);
  await knownCapabilities(provider);
  const card = provider.querySelector<CrmOpportunityCard>('crm-opportunity-card')!;
  await waitUntil(
    () => card.shadowRoot?.querySelector('[part~="base"]:not([part~="skeleton"])'),
    'the deal did not load',
    { timeout: 8000 },
  );
  await card.updateComplete;
  return card;
}
