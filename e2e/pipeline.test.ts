// The demo's pipeline page as a sales rep uses it (on the demo shared by the e2e files): signs
// in as an Acme rep, and moves two of the rep's own deals from the first stage to the second,
// one with the mouse (real pointer events) and one with the keyboard, watching the board, the
// screen reader's announcements and the funnel beside it change, and checking each move with the
// API.
import type { Board, Funnel, Opportunity, Page as ListPage, Pipeline } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSession, type DemoSession } from './support/browser.js';

const REP = 'rep@acme.test';
/** How long to wait for what the page shows to catch up (it polls, it does not sleep). */
const POLL = { timeout: 15_000, interval: 100 };

describe('the pipeline page', () => {
  let session: DemoSession;
  let page: Page;
  let url: string;
  let errors: string[];

  /** What the rep sees through the API: the default pipeline, its first two stages, and their deals. */
  let pipeline: Pipeline;
  let first: { id: string; name: string };
  let second: { id: string; name: string };
  /** The funnel's "reached" for the first two stages, as the page showed it before any move. */
  let reachedBefore: [number, number];
  /** Deals the test moved, in order. */
  const moved: string[] = [];

  const api = <T>(path: string) => session.api<T>(path);
  const board = () => api<Board>(`/pipelines/${pipeline.id}/board?limit=100`);
  const funnel = () => api<Funnel>(`/reports/funnel?pipelineId=${pipeline.id}`);

  const boardElement = () => page.locator('crm-pipeline-board');
  const column = (stageId: string) => page.locator(`crm-pipeline-column[data-stage="${stageId}"]`);
  const card = (stageId: string, dealId: string) => column(stageId).locator(`.card[data-id="${dealId}"]`);
  /** The board's live region: what a screen reader hears. */
  const announcement = () => boardElement().locator('.root > [role="status"]');

  /** A number as the page prints it (`1,234`). */
  const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

  /** "Reached" of a stage in the funnel's table (the chart's accessible twin). */
  async function reachedInTable(stageId: string): Promise<number> {
    return number(await page.locator(`crm-funnel-chart tr[data-stage="${stageId}"] td`).first().textContent());
  }
  const reachedShown = async (): Promise<[number, number]> => [
    await reachedInTable(first.id),
    await reachedInTable(second.id),
  ];
  /** The count in a column's header. */
  const countShown = async (stageId: string) => number(await column(stageId).locator('.count').textContent());

  /** A deal of the first stage, by the API, that is not one the test moved already. */
  async function dealToMove(): Promise<{ id: string; name: string }> {
    const now = await board();
    const deal = now.stages.find((s) => s.id === first.id)!.cards.find((c) => !moved.includes(c.id));
    expect(deal, 'a deal left in the first stage').toBeDefined();
    return deal!;
  }

  /**
   * After a move of `dealId` into the second stage: the card shows there and is saved, the API
   * has it there, the columns' counts and the funnel's table changed by one, and the table agrees
   * with the API's funnel.
   */
  async function expectMoved(dealId: string, counts: { first: number; second: number }): Promise<void> {
    moved.push(dealId);
    const target = card(second.id, dealId);
    await target.waitFor({ state: 'visible' });
    // "Saving…" ends when the kit answered.
    await expect.poll(() => target.getAttribute('aria-disabled'), POLL).toBeNull();
    await expect.poll(() => card(first.id, dealId).count(), POLL).toBe(0);

    const deal = await api<Opportunity>(`/opportunities/${dealId}`);
    expect(deal.stageId).toBe(second.id);

    await expect.poll(() => countShown(first.id), POLL).toBe(counts.first - 1);
    await expect.poll(() => countShown(second.id), POLL).toBe(counts.second + 1);

    // The sample's deals have only ever moved forward, so each moved deal reaches the second stage
    // for the first time: its "reached" grows by one per move, the first stage's stays.
    const expected: [number, number] = [reachedBefore[0], reachedBefore[1] + moved.length];
    await expect.poll(reachedShown, POLL).toEqual(expected);
    const fromApi = await funnel();
    const step = (id: string) => fromApi.stages.find((s) => s.stageId === id)!.reached;
    expect([step(first.id), step(second.id)]).toEqual(expected);
  }

  beforeAll(async () => {
    session = await demoSession(REP);
    ({ page, url, errors } = session);
    const pipelines = await api<ListPage<Pipeline>>('/pipelines?limit=50');
    pipeline = pipelines.items.find((p) => p.isDefault) ?? pipelines.items[0]!;
    const stages = (await board()).stages.filter((s) => s.kind === 'open');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    first = { id: stages[0]!.id, name: stages[0]!.name };
    second = { id: stages[1]!.id, name: stages[1]!.name };
    expect(stages[0]!.cards.length, 'the rep has deals in the first stage').toBeGreaterThanOrEqual(2);

    await page.goto(`${url}/pipeline`);
    await page.getByRole('heading', { level: 1, name: 'Pipeline' }).waitFor();
    await boardElement().locator('.card').first().waitFor({ state: 'visible' });

    // The funnel as its table, the figures a screen reader user gets.
    await page.locator('crm-funnel-chart').getByRole('button', { name: 'Show as table' }).click();
    await page.locator(`crm-funnel-chart tr[data-stage="${second.id}"]`).waitFor();
    reachedBefore = await reachedShown();
    const fromApi = await funnel();
    const step = (id: string) => fromApi.stages.find((s) => s.stageId === id)!.reached;
    expect(reachedBefore).toEqual([step(first.id), step(second.id)]);
    expect(reachedBefore[0]).toBeGreaterThan(reachedBefore[1]);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows the board with the figures the API gives', async () => {
    const now = await board();
    for (const stage of now.stages.filter((s) => s.kind === 'open')) {
      expect(await countShown(stage.id), stage.name).toBe(stage.count);
      await expect.poll(() => column(stage.id).locator('.card').count(), POLL).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
  });

  it('moves a deal to the next stage when it is dragged there with the mouse', async () => {
    const deal = await dealToMove();
    const counts = { first: await countShown(first.id), second: await countShown(second.id) };
    const source = card(first.id, deal.id);
    await source.scrollIntoViewIfNeeded();
    const from = (await source.boundingBox())!;
    const to = (await column(second.id).locator('.cards').boundingBox())!;
    expect(from).not.toBeNull();

    // Press on the card, move in steps over to the second column (a ghost follows), release there.
    await page.mouse.move(from.x + from.width / 2, from.y + 12);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + 20, { steps: 4 });
    await boardElement().locator('.ghost').waitFor({ state: 'visible' });
    const x = to.x + to.width / 2;
    const y = to.y + Math.min(to.height - 8, 60);
    await page.mouse.move(x, y, { steps: 20 });
    // The column under the pointer shows where the deal will land.
    await expect
      .poll(() => column(second.id).locator('.card.drop-before, .card.drop-after, .body.drop-empty').count(), POLL)
      .toBeGreaterThan(0);
    await page.mouse.up();
    await expect.poll(() => boardElement().locator('.ghost').count(), POLL).toBe(0);
    await expect.poll(() => announcement().textContent(), POLL).toContain(`Moved ${deal.name} to ${second.name}`);

    await expectMoved(deal.id, counts);
    expect(errors).toEqual([]);
  });

  it('moves a deal to the next stage from the keyboard, announcing each step', async () => {
    const deal = await dealToMove();
    const counts = { first: await countShown(first.id), second: await countShown(second.id) };
    const source = card(first.id, deal.id);
    await source.scrollIntoViewIfNeeded();
    await source.focus();

    // Space lifts the deal, → carries it to the next column, Space drops it there.
    await page.keyboard.press('Space');
    await expect.poll(() => announcement().textContent(), POLL).toContain(`Picked up ${deal.name} in ${first.name}`);
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => announcement().textContent(), POLL)
      .toMatch(new RegExp(`^\\s*${escape(deal.name)}: ${escape(second.name)}, position \\d+ of \\d+\\.`));
    // While lifted, the card shows in the column it would go to, and keeps the focus.
    await expect.poll(() => card(second.id, deal.id).evaluate((node) => node.matches(':focus')), POLL).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => announcement().textContent(), POLL).toContain(`Moved ${deal.name} to ${second.name}`);

    await expectMoved(deal.id, counts);
    // Focus stays on the deal in its new column, so the next key goes on from there.
    await expect.poll(() => card(second.id, deal.id).evaluate((node) => node.matches(':focus')), POLL).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows the same after a reload, as the kit saved it', async () => {
    await page.reload();
    await boardElement().locator('.card').first().waitFor({ state: 'visible' });
    for (const id of moved) await card(second.id, id).waitFor({ state: 'visible' });
    const now = await board();
    for (const stage of [first, second]) {
      expect(await countShown(stage.id)).toBe(now.stages.find((s) => s.id === stage.id)!.count);
    }
    expect(errors).toEqual([]);
  });

  it("shows a funnel stage's deals on the board when the stage is chosen", async () => {
    const funnelChart = page.locator('crm-funnel-chart');
    const asTable = funnelChart.getByRole('button', { name: 'Show as table' });
    if (await asTable.count()) await asTable.click();
    await funnelChart.locator(`tr[data-stage="${second.id}"] button`).click();
    await expect.poll(() => column(second.id).locator('.card:focus').count(), POLL).toBe(1);
    expect(errors).toEqual([]);
  });

  it('opens a deal from the board, edits its amount, loses it with a reason on its page, and reopens it', async () => {
    const deal = await dealToMove();
    await card(first.id, deal.id).click();
    await page.waitForURL(new RegExp(`/deals/${deal.id}$`));
    const dealCard = page.locator('crm-opportunity-card');
    await expect.poll(() => dealCard.locator('[part~="status"]').textContent(), POLL).toBe('Open');
    await expect.poll(() => dealCard.locator('[aria-current="step"] .step-name').textContent(), POLL).toBe(first.name);

    // The amount, edited where it stands.
    await dealCard.locator('[data-edit="amount"]').click();
    await dealCard.locator('#edit-amount').fill('4,321.50');
    await dealCard.locator('#edit-amount').press('Enter');
    await expect.poll(async () => (await api<Opportunity>(`/opportunities/${deal.id}`)).amount, POLL).toBe(432_150);

    await dealCard.getByRole('button', { name: 'Mark lost' }).click();
    const dialog = dealCard.getByRole('dialog');
    await dialog.getByLabel('Lost reason').fill('Chose a competitor');
    await dialog.getByLabel('Lost to (competitor)').fill('Initech');
    await dialog.getByRole('button', { name: 'Mark lost' }).click();
    await expect.poll(() => dealCard.locator('[part~="status"]').textContent(), POLL).toBe('Lost');
    const lost = await api<Opportunity>(`/opportunities/${deal.id}`);
    expect(lost.lostReason).toBe('Chose a competitor');
    expect(lost.competitors).toContain('Initech');
    expect(lost.closedAt).not.toBeNull();

    await dealCard.getByRole('button', { name: 'Reopen' }).click();
    await dialog.getByLabel('Into stage').selectOption(first.id);
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => dealCard.locator('[part~="status"]').textContent(), POLL).toBe('Open');
    const reopened = await api<Opportunity>(`/opportunities/${deal.id}`);
    expect(reopened.stageId).toBe(first.id);
    expect(reopened.closedAt).toBeNull();
    expect(reopened.forecastCategory).toBe('pipeline');
    expect(errors).toEqual([]);
  });
});

/** A string as a literal part of a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
