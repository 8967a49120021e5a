// What every host must show and do, through its own page: a customer card and the pipeline board with
// data the test wrote through the host's kit, and a deal moved from the keyboard that the kit keeps.
import type { APIRequestContext, Page } from 'playwright-core';
import { expect } from 'vitest';

interface Stage {
  id: string;
  name: string;
  kind: string;
}

export interface Seeded {
  customer: { id: string; name: string };
  deal: { id: string; name: string };
  from: Stage;
  to: Stage;
}

/** Reads `path` of the kit at `api` (e.g. `http://localhost:3000/api/crm`) as the context's member. */
async function read<T>(request: APIRequestContext, api: string, path: string): Promise<T> {
  const response = await request.get(`${api}${path}`);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

async function create<T>(request: APIRequestContext, api: string, path: string, data: object): Promise<T> {
  const response = await request.post(`${api}${path}`, { data });
  expect(response.status(), `POST ${path}: ${await response.text()}`).toBe(201);
  return (await response.json()) as T;
}

/** A customer with one deal in the first stage of the default pipeline, written through the kit. */
export async function seed(request: APIRequestContext, api: string, label: string): Promise<Seeded> {
  const pipelines = await read<{ items: { id: string; isDefault: boolean; stages: Stage[] }[] }>(
    request,
    api,
    '/pipelines?limit=50',
  );
  const pipeline = pipelines.items.find((p) => p.isDefault)!;
  const [from, to] = pipeline.stages.filter((stage) => stage.kind === 'open');
  const customer = await create<{ id: string; name: string }>(request, api, '/customers', {
    name: `${label} Traders`,
    kind: 'company',
  });
  const deal = await create<{ id: string; name: string }>(request, api, '/opportunities', {
    name: `${label} spring order`,
    customerId: customer.id,
    pipelineId: pipeline.id,
    stageId: from!.id,
    amount: 1_250_000,
    currency: 'USD',
  });
  return { customer, deal, from: from!, to: to! };
}

/**
 * On `page` (the host's page, open): the card shows the customer, the board shows the deal in its
 * first stage; Space, → and Space move it to the second, the kit at `api` has it there, and a reload
 * shows it there.
 */
export async function showsAndMoves(page: Page, request: APIRequestContext, api: string, seeded: Seeded) {
  const { customer, deal, from, to } = seeded;
  await page.locator('crm-customer-card').getByRole('heading', { name: customer.name, exact: true }).waitFor();
  const column = (stage: Stage) => page.locator(`crm-pipeline-column[data-stage="${stage.id}"]`);
  const card = (stage: Stage) => column(stage).locator(`.card[data-id="${deal.id}"]`);
  await card(from).waitFor();
  await expect(card(from).textContent()).resolves.toContain(deal.name);

  // Space lifts the deal, → carries it to the next column (where it shows while lifted), Space drops it.
  const announced = (text: string) =>
    page.locator('crm-pipeline-board .root > [role="status"]', { hasText: text }).waitFor({ state: 'attached' });
  await card(from).focus();
  await page.keyboard.press('Space');
  await announced(`Picked up ${deal.name}`);
  await page.keyboard.press('ArrowRight');
  await card(to).waitFor();
  await page.keyboard.press('Space');
  await announced(`Moved ${deal.name} to ${to.name}`);
  // "Saving…" ends when the kit answered.
  await column(to).locator(`.card[data-id="${deal.id}"]:not([aria-disabled])`).waitFor();
  const saved = await read<{ stageId: string }>(request, api, `/opportunities/${deal.id}`);
  expect(saved.stageId, 'the stage the kit saved').toBe(to.id);

  await page.reload();
  await card(to).waitFor();
  expect(await card(from).count()).toBe(0);
}

const PUBLIC_TAGS = [
  'crm-provider',
  'crm-customer-card',
  'crm-customer-list',
  'crm-pipeline-board',
  'crm-funnel-chart',
  'crm-activity-log',
];

/** Which of the elements' public tags the page has defined: with single-element entries, only those imported. */
export function definedElements(page: Page): Promise<string[]> {
  return page.evaluate((tags) => tags.filter((tag) => customElements.get(tag)), PUBLIC_TAGS);
}
