import type { Board, CrmClient, Opportunity, Pipeline } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { ACME_ADMIN, BASE_URL, gatedFetch, kitClient, status, text, tokenFor, visibleText } from '../../test/kit.js';
import '../index.js';
import { CrmOpportunityMovedEvent, CrmOpportunityMoveEvent, CrmOpportunitySelectEvent } from '../shared/events.js';
import { localizer } from '../shared/localize.js';
import { CrmPipelineColumn } from './board-column.js';
import { moneyText } from '../shared/format.js';
import { CrmPipelineBoard } from './pipeline-board.js';
import { changeStreamOf } from '../shared/change-stream.js';

const TOKEN = tokenFor(ACME_ADMIN);
const api = kitClient();

// ---------------------------------------------------------------------------------------------
// Reading the board as a user sees it

function columns(board: CrmPipelineBoard): CrmPipelineColumn[] {
  return [...board.shadowRoot!.querySelectorAll('crm-pipeline-column')];
}
function column(board: CrmPipelineBoard, name: string): CrmPipelineColumn {
  const found = columns(board).find((c) => c.column?.stage.name === name);
  if (!found) throw new Error(`No column ${name}`);
  return found;
}
function cards(col: CrmPipelineColumn): HTMLElement[] {
  return [...col.shadowRoot!.querySelectorAll<HTMLElement>('.card')].sort(
    (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
  );
}
function cardNames(col: CrmPipelineColumn): string[] {
  return cards(col).map((card) => visibleText(card.querySelector('.card-name')));
}
function card(board: CrmPipelineBoard, name: string): HTMLElement {
  for (const col of columns(board)) {
    const found = cards(col).find((c) => visibleText(c.querySelector('.card-name')) === name);
    if (found) return found;
  }
  throw new Error(`No card ${name}`);
}
function zone(board: CrmPipelineBoard, name: string): HTMLElement {
  const found = [...board.shadowRoot!.querySelectorAll<HTMLElement>('[part~="zone"]')].find(
    (z) => text(z.querySelector('.zone-name')) === name,
  );
  if (!found) throw new Error(`No zone ${name}`);
  return found;
}
function notice(board: CrmPipelineBoard): string {
  return text(board.shadowRoot!.querySelector('[part~="notice"]'));
}

async function loaded(board: CrmPipelineBoard): Promise<void> {
  await waitUntil(
    () =>
      board.shadowRoot?.querySelector('[part~="base"]:not([aria-busy])') &&
      columns(board).length > 0 &&
      columns(board).every((c) => c.column && (c.column.cards.length === 0 || cards(c).length > 0)),
    'the board did not load',
    { timeout: 8000 },
  );
  await board.updateComplete;
}

/** A board inside a provider that talks to the test kit. */
async function boardFor(pipelineId: string, { client, locale = 'en' }: { client?: CrmClient; locale?: string } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${TOKEN} locale=${locale} .client=${client}>
      <crm-pipeline-board pipeline-id=${pipelineId} style="--crm-board-height: 34rem"></crm-pipeline-board>
    </crm-provider>
  `);
  const board = provider.querySelector('crm-pipeline-board')!;
  // Columns render only the cards in view: a board below the fold has none yet.
  board.scrollIntoView();
  await loaded(board);
  return board;
}

/**
 * A client of the test kit that records its requests. `/events` can be held, so that no live
 * change arrives, and moves can be held until the test lets them through.
 */
function recordingClient({ holdEvents = false, holdMoves = false } = {}) {
  const requests: Request[] = [];
  let letMovesGo: () => void = () => {};
  const movesMayGo = new Promise<void>((resolve) => (letMovesGo = resolve));
  const client = kitClient(ACME_ADMIN, async (request) => {
    requests.push(request.clone());
    const path = new URL(request.url).pathname;
    if (holdEvents && path.endsWith('/events')) {
      return new Promise<Response>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))),
      );
    }
    if (holdMoves && path.endsWith('/move')) await movesMayGo;
    return fetch(request);
  });
  const moves = () => requests.filter((r) => r.method === 'POST' && r.url.includes('/move'));
  return { client, requests, moves, letMovesGo };
}

// ---------------------------------------------------------------------------------------------
// A pipeline of the test's own, so moving deals leaves the sample (and other tests) alone

interface TestPipeline {
  pipeline: Pipeline;
  stage: (name: string) => string;
  deals: Record<string, Opportunity>;
}

let counter = 0;

async function testPipeline(): Promise<TestPipeline> {
  counter += 1;
  const suffix = `${Date.now().toString(36)}-${counter}`;
  const pipeline = await api.pipelines.create({
    name: `Board test ${suffix}`,
    lostReasons: ['Price too high', 'Chose a competitor'],
    stages: [
      { name: 'Lead', probability: 10 },
      { name: 'Qualified', probability: 40 },
      { name: 'Proposal', probability: 70 },
      { name: 'Won', probability: 100, kind: 'won' },
      { name: 'Lost', probability: 0, kind: 'lost', requires: ['lostReason'] },
    ],
  });
  const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;
  const customer = await api.customers.create({ name: `Board test customer ${suffix}`, tags: [`board-${suffix}`] });
  const deals: Record<string, Opportunity> = {};
  const specs: [string, string, number, string][] = [
    ['Alpha', 'Lead', 120_000, 'USD'],
    ['Bravo', 'Lead', 80_000, 'USD'],
    ['Charlie', 'Lead', 50_000, 'EUR'],
    ['Delta', 'Qualified', 300_000, 'USD'],
    ['Echo', 'Qualified', 40_000, 'USD'],
  ];
  // In reverse: a new deal goes to the top of its column, so each column reads as listed here.
  for (const [name, stageName, amount, currency] of [...specs].reverse()) {
    deals[name] = await api.opportunities.create({
      name,
      customerId: customer.id,
      pipelineId: pipeline.id,
      stageId: stage(stageName),
      amount,
      currency,
      expectedCloseDate: '2027-01-15',
    });
  }
  return { pipeline, stage, deals };
}

async function press(key: string): Promise<void> {
  await sendKeys({ press: key });
}

async function focusCard(board: CrmPipelineBoard, name: string): Promise<HTMLElement> {
  const element = card(board, name);
  element.focus();
  await waitUntil(() => element.matches(':focus'), `${name} did not take focus`);
  return element;
}

/** Where a deal is according to the kit. */
async function stageOf(id: string): Promise<string> {
  return (await api.opportunities.get(id)).stageId;
}

// ---------------------------------------------------------------------------------------------

describe('crm-pipeline-board', () => {
  let sample: Pipeline;
  let sampleBoard: Board;

  before(async () => {
    sample = (await api.pipelines.list()).items.find((p) => p.name === 'New business')!;
    sampleBoard = await api.boards.get(sample.id);
  });

  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('is registered, and a second registration does not throw', async () => {
    expect(customElements.get('crm-pipeline-board')).to.equal(CrmPipelineBoard);
    const { define } = await import('../shared/define.js');
    expect(() => define('crm-pipeline-board', class extends HTMLElement {})).not.to.throw();
  });

  it('shows the seeded pipeline with the figures the API gives', async () => {
    const board = await boardFor(sample.id);
    const t = localizer('en');
    expect(text(board.shadowRoot!.querySelector('[part~="heading"]'))).to.equal(sampleBoard.name);
    const open = sampleBoard.stages.filter((s) => s.kind === 'open');
    expect(columns(board).map((c) => c.column!.stage.name)).to.deep.equal(open.map((s) => s.name));
    for (const stage of open) {
      const col = column(board, stage.name);
      const root = col.shadowRoot!;
      expect(text(root.querySelector('.count'))).to.equal(String(stage.count));
      expect(text(root.querySelector('.sum'))).to.equal(
        moneyText(t, { amount: stage.converted.sum, currency: stage.converted.currency }),
      );
      expect(text(root.querySelector('.weighted'))).to.contain(
        moneyText(t, { amount: stage.converted.weighted, currency: stage.converted.currency }),
      );
      // The first cards, in the kit's order.
      const shown = cardNames(col);
      expect(shown.length).to.be.greaterThan(0);
      expect(shown).to.deep.equal(stage.cards.slice(0, shown.length).map((c) => c.name));
    }
    for (const stage of sampleBoard.stages.filter((s) => s.kind !== 'open')) {
      expect(text(zone(board, stage.name))).to.contain(`${stage.count} deal`);
    }
    // The header sums the open columns.
    const openCount = open.reduce((n, s) => n + s.count, 0);
    expect(text(board.shadowRoot!.querySelector('[part~="summary"]'))).to.contain(`${openCount} deals`);
    await expect(board).to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(board).to.be.accessible();
  });

  it('renders only the cards in view, and loads more as a column scrolls', async () => {
    const { client, requests } = recordingClient();
    const provider = await fixture(html`
      <crm-provider .client=${client} locale="en">
        <crm-pipeline-board
          pipeline-id=${sample.id}
          page-size="5"
          style="--crm-board-height: 22rem"
        ></crm-pipeline-board>
      </crm-provider>
    `);
    const board = provider.querySelector('crm-pipeline-board')!;
    await loaded(board);
    const first = column(board, 'Initial contact');
    const total = sampleBoard.stages.find((s) => s.name === 'Initial contact')!.count;
    const list = first.shadowRoot!.querySelector<HTMLElement>('.cards')!;
    // Fewer cards in the DOM than the column holds.
    await waitUntil(() => first.column!.cards.length >= 5);
    list.scrollTop = list.scrollHeight;
    await waitUntil(() => first.column!.cards.length > 5, 'no more cards were loaded', { timeout: 5000 });
    expect(requests.some((r) => r.url.includes(`/board/stages/${first.column!.stage.id}`))).to.equal(true);
    for (let i = 0; i < 10 && first.column!.nextCursor; i++) {
      list.scrollTop = list.scrollHeight;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await waitUntil(() => first.column!.cards.length === total, 'the column did not load to its end', {
      timeout: 8000,
    });
    expect(cards(first).length).to.be.lessThan(total);
  });

  it('moves a deal from the keyboard (lift, move right, drop), and the move persists', async () => {
    const { pipeline, stage, deals } = await testPipeline();
    const board = await boardFor(pipeline.id);
    await focusCard(board, 'Alpha');
    await press('Space');
    expect(status(board)).to.contain('Picked up Alpha in Lead, position 1 of 3');
    await press('ArrowRight');
    expect(status(board)).to.contain('Alpha: Qualified, position 1 of 3');
    await press('ArrowDown');
    expect(status(board)).to.contain('Alpha: Qualified, position 2 of 3');
    const moved = oneEvent(board, CrmOpportunityMovedEvent.eventName);
    await press('Space');
    expect(status(board)).to.contain('Moved Alpha to Qualified, position 2 of 3');
    expect((await moved).detail.opportunity.stageId).to.equal(stage('Qualified'));
    // Focus stays on the deal, now in its new column.
    expect(cardNames(column(board, 'Qualified'))).to.deep.equal(['Delta', 'Alpha', 'Echo']);
    expect(column(board, 'Qualified').shadowRoot!.activeElement?.getAttribute('data-id')).to.equal(deals.Alpha!.id);
    expect(await stageOf(deals.Alpha!.id)).to.equal(stage('Qualified'));

    // Read again from the kit: the deal is where it was dropped.
    const again = await boardFor(pipeline.id);
    expect(cardNames(column(again, 'Lead'))).to.deep.equal(['Bravo', 'Charlie']);
    expect(cardNames(column(again, 'Qualified'))).to.deep.equal(['Delta', 'Alpha', 'Echo']);
    expect(text(column(again, 'Qualified').shadowRoot!.querySelector('.count'))).to.equal('3');
  });

  it('puts a lifted deal back on Escape, and sends nothing', async () => {
    const { pipeline, deals, stage } = await testPipeline();
    const { client, moves } = recordingClient();
    const board = await boardFor(pipeline.id, { client });
    await focusCard(board, 'Bravo');
    await press('Space');
    await press('ArrowRight');
    await press('ArrowRight');
    expect(cardNames(column(board, 'Proposal'))).to.deep.equal(['Bravo']);
    await press('Escape');
    expect(status(board)).to.contain('Move cancelled: Bravo is back in Lead');
    expect(cardNames(column(board, 'Proposal'))).to.deep.equal([]);
    expect(cardNames(column(board, 'Lead'))).to.deep.equal(['Alpha', 'Bravo', 'Charlie']);
    expect(moves()).to.have.length(0);
    expect(await stageOf(deals.Bravo!.id)).to.equal(stage('Lead'));
  });

  it('moves a deal dragged with the mouse (pointer events)', async () => {
    const { pipeline, deals, stage } = await testPipeline();
    const board = await boardFor(pipeline.id);
    const source = card(board, 'Bravo');
    const from = source.getBoundingClientRect();
    const target = column(board, 'Proposal').getBoundingClientRect();
    const pointer = (type: string, x: number, y: number, on: EventTarget) =>
      on.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          composed: true,
          pointerId: 7,
          pointerType: 'mouse',
          isPrimary: true,
          button: 0,
          buttons: type === 'pointerup' ? 0 : 1,
          clientX: x,
          clientY: y,
        }),
      );
    const moveEvent = oneEvent(board, CrmOpportunityMoveEvent.eventName);
    pointer('pointerdown', from.left + 20, from.top + 10, source);
    const steps = 6;
    for (let i = 1; i <= steps; i++) {
      const x = from.left + 20 + ((target.left + 60 - from.left - 20) * i) / steps;
      const y = from.top + 10 + ((target.top + 120 - from.top - 10) * i) / steps;
      pointer('pointermove', x, y, window);
      await new Promise(requestAnimationFrame);
    }
    // While dragging, a ghost follows the pointer and the target column is marked.
    await waitUntil(() => board.shadowRoot!.querySelector('.ghost'), 'no ghost while dragging');
    expect(column(board, 'Proposal').shadowRoot!.querySelector('.drop-empty')).not.to.equal(null);
    pointer('pointerup', target.left + 60, target.top + 120, window);
    const event = await moveEvent;
    expect(event.detail.opportunity.id).to.equal(deals.Bravo!.id);
    expect(event.detail.from.name).to.equal('Lead');
    expect(event.detail.to.name).to.equal('Proposal');
    expect(event.detail.position).to.deep.equal({ index: 0 });
    await waitUntil(async () => (await stageOf(deals.Bravo!.id)) === stage('Proposal'), 'the move was not saved');
    expect(cardNames(column(board, 'Proposal'))).to.deep.equal(['Bravo']);
    expect(board.shadowRoot!.querySelector('.ghost')).to.equal(null);
  });

  it("shows a stage's deals: focuses its column's first card, or its heading when it has none", async () => {
    const { pipeline, stage } = await testPipeline();
    const board = await boardFor(pipeline.id);
    expect(await board.showStage(stage('Qualified'))).to.equal(true);
    const first = cards(column(board, 'Qualified'))[0]!;
    expect(first.matches(':focus'), 'the first card has focus').to.equal(true);
    const empty = column(board, 'Proposal');
    expect(await board.showStage(stage('Proposal'))).to.equal(true);
    expect(empty.shadowRoot!.activeElement).to.equal(empty.shadowRoot!.querySelector('[role="heading"]'));
    // Closed stages are drop zones, not columns; another pipeline's stage is none of the board's.
    expect(await board.showStage(stage('Won'))).to.equal(false);
    expect(await board.showStage(sample.stages[0]!.id)).to.equal(false);
  });

  it('opens a deal on a click or Enter, but not on the click that ends a drag', async () => {
    const { pipeline, deals } = await testPipeline();
    const { client, moves } = recordingClient();
    const board = await boardFor(pipeline.id, { client });
    const opened: string[] = [];
    board.addEventListener(CrmOpportunitySelectEvent.eventName, (event) =>
      opened.push((event as CrmOpportunitySelectEvent).detail.opportunity.name),
    );
    card(board, 'Charlie').click();
    expect(opened).to.deep.equal(['Charlie']);
    await focusCard(board, 'Alpha');
    await press('Enter');
    expect(opened).to.deep.equal(['Charlie', 'Alpha']);
    // Enter opened the deal; it did not pick it up.
    expect(board.shadowRoot!.querySelector('.lifted')).to.equal(null);
    await press('Escape');

    // A drag that ends where it began is no click on the card.
    const source = card(board, 'Bravo');
    const box = source.getBoundingClientRect();
    const pointer = (type: string, x: number, on: EventTarget) =>
      on.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          composed: true,
          pointerId: 9,
          pointerType: 'mouse',
          isPrimary: true,
          button: 0,
          buttons: type === 'pointerup' ? 0 : 1,
          clientX: x,
          clientY: box.top + 10,
        }),
      );
    pointer('pointerdown', box.left + 20, source);
    for (const x of [40, 60, 40, 20]) {
      pointer('pointermove', box.left + x, window);
      await new Promise(requestAnimationFrame);
    }
    pointer('pointerup', box.left + 20, window);
    source.click();
    expect(opened).to.deep.equal(['Charlie', 'Alpha']);
    expect(moves()).to.have.length(0);
    expect(deals.Bravo).to.not.equal(undefined);
  });

  it('moves a deal on touch after a long press, and lets a quick swipe scroll instead', async () => {
    const { pipeline, deals, stage } = await testPipeline();
    const { client, moves } = recordingClient();
    const board = await boardFor(pipeline.id, { client });
    const touch = (type: string, x: number, y: number, on: EventTarget) =>
      on.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          composed: true,
          cancelable: true,
          pointerId: 11,
          pointerType: 'touch',
          isPrimary: true,
          button: type === 'pointermove' ? -1 : 0,
          clientX: x,
          clientY: y,
        }),
      );
    const source = card(board, 'Delta');
    const from = source.getBoundingClientRect();
    const target = column(board, 'Proposal').getBoundingClientRect();
    // A swipe that moves at once is a scroll: nothing drags.
    touch('pointerdown', from.left + 20, from.top + 10, source);
    touch('pointermove', from.left + 20, from.top + 60, window);
    touch('pointerup', from.left + 20, from.top + 60, window);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(board.shadowRoot!.querySelector('.ghost')).to.equal(null);
    // A long press lifts the card; then it follows the finger.
    touch('pointerdown', from.left + 20, from.top + 10, source);
    await waitUntil(() => board.shadowRoot!.querySelector('.ghost'), 'no ghost after a long press');
    touch('pointermove', target.left + 40, target.top + 100, window);
    const moved = oneEvent(board, CrmOpportunityMovedEvent.eventName);
    touch('pointerup', target.left + 40, target.top + 100, window);
    expect((await moved).detail.to.name).to.equal('Proposal');
    expect(moves()).to.have.length(1);
    expect(await stageOf(deals.Delta!.id)).to.equal(stage('Proposal'));
  });

  it('sends no request when the host vetoes the move', async () => {
    const { pipeline, deals, stage } = await testPipeline();
    const { client, moves } = recordingClient();
    const board = await boardFor(pipeline.id, { client });
    let seen: CrmOpportunityMoveEvent | undefined;
    board.addEventListener(CrmOpportunityMoveEvent.eventName, (event) => {
      seen = event;
      event.preventDefault();
    });
    await focusCard(board, 'Delta');
    await press('Space');
    await press('ArrowLeft');
    await press('Space');
    await waitUntil(() => seen, 'no move event');
    expect(seen!.cancelable).to.equal(true);
    expect(seen!.detail.to.name).to.equal('Lead');
    expect(seen!.detail.position.afterId).to.equal(undefined);
    expect(seen!.detail.position.beforeId).to.equal(deals.Alpha!.id);
    await board.updateComplete;
    expect(status(board)).to.contain('Moving Delta was not allowed');
    expect(cardNames(column(board, 'Qualified'))).to.deep.equal(['Delta', 'Echo']);
    expect(cardNames(column(board, 'Lead'))).to.deep.equal(['Alpha', 'Bravo', 'Charlie']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(moves()).to.have.length(0);
    expect(await stageOf(deals.Delta!.id)).to.equal(stage('Qualified'));
  });

  it('puts the deal back with a notice when someone changed it meanwhile (412)', async () => {
    const { pipeline, deals, stage } = await testPipeline();
    // Live updates held back, so the board still has the version it read.
    const { client, moves, letMovesGo } = recordingClient({ holdEvents: true, holdMoves: true });
    const board = await boardFor(pipeline.id, { client });
    const changed = await api.opportunities.update(
      deals.Echo!.id,
      { name: 'Echo (renamed)' },
      { version: deals.Echo!.version },
    );
    await focusCard(board, 'Echo');
    await press('Space');
    await press('ArrowRight');
    await press('Space');
    // Shown at once where it was dropped, saving…
    await waitUntil(() => cardNames(column(board, 'Proposal')).includes('Echo'), 'not shown where dropped');
    expect(text(card(board, 'Echo'))).to.contain('Saving…');
    letMovesGo();
    // …and back when the kit refuses.
    await waitUntil(() => notice(board), 'no notice', { timeout: 5000 });
    expect(moves()).to.have.length(1);
    expect(moves()[0]!.headers.get('if-match')).to.equal(`"${deals.Echo!.version}"`);
    expect(notice(board)).to.contain('Someone else changed Echo meanwhile');
    const alert = board.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.contains(board.shadowRoot!.querySelector('[part~="notice"]'))).to.equal(true);
    expect(cardNames(column(board, 'Proposal'))).to.deep.equal([]);
    expect(await stageOf(deals.Echo!.id)).to.equal(stage('Qualified'));
    // The column is read again: the deal as the other person left it.
    await waitUntil(() => cardNames(column(board, 'Qualified')).includes('Echo (renamed)'), 'not refreshed');
    expect(column(board, 'Qualified').column!.cards.find((c) => c.id === changed.id)!.version).to.equal(
      changed.version,
    );
    await expect(board).to.be.accessible();
  });

  it('asks for a lost reason before moving to a stage that requires one', async () => {
    const { pipeline, deals, stage } = await testPipeline();
    const board = await boardFor(pipeline.id);
    await focusCard(board, 'Charlie');
    await press('Space');
    for (let i = 0; i < 4; i++) await press('ArrowRight');
    expect(status(board)).to.contain('Charlie: Lost. Drop it to mark the deal lost.');
    expect(zone(board, 'Lost').matches(':focus')).to.equal(true);
    await press('Enter');
    const dialog = board.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'no dialog');
    await expect(board).to.be.accessible();
    expect(text(dialog.querySelector('h2'))).to.equal('Why was this deal lost?');
    // The pipeline's usual reasons are offered; any other may be typed.
    const list = dialog.querySelector(`#${dialog.querySelector('input[name="reason"]')!.getAttribute('list')}`)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).to.deep.equal([
      'Price too high',
      'Chose a competitor',
    ]);
    // Empty is not a reason.
    await press('Enter');
    expect(text(dialog.querySelector('#lost-error'))).to.contain('Enter a reason');
    await sendKeys({ type: 'Chose a competitor' });
    const moved = oneEvent(board, CrmOpportunityMovedEvent.eventName);
    await press('Enter');
    expect(dialog.open).to.equal(false);
    const saved = (await moved).detail.opportunity;
    expect(saved.stageId).to.equal(stage('Lost'));
    expect(saved.lostReason).to.equal('Chose a competitor');
    expect(cardNames(column(board, 'Lead'))).to.deep.equal(['Alpha', 'Bravo']);
    await waitUntil(() => text(zone(board, 'Lost')).includes('1 deal'), 'the lost zone did not count it');
    expect((await api.opportunities.get(deals.Charlie!.id)).lostReason).to.equal('Chose a competitor');
  });

  it('cancels the move when the lost-reason dialog is dismissed', async () => {
    const { pipeline, deals, stage } = await testPipeline();
    const { client, moves } = recordingClient();
    const board = await boardFor(pipeline.id, { client });
    await focusCard(board, 'Alpha');
    await press('Space');
    for (let i = 0; i < 4; i++) await press('ArrowRight');
    await press('Space');
    const dialog = board.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'no dialog');
    await press('Escape');
    await waitUntil(() => !dialog.open, 'the dialog stayed open');
    expect(status(board)).to.contain('Move cancelled: Alpha is back in Lead');
    expect(moves()).to.have.length(0);
    expect(await stageOf(deals.Alpha!.id)).to.equal(stage('Lead'));
  });

  it('re-renders only the columns a move touches', async () => {
    const { pipeline } = await testPipeline();
    const board = await boardFor(pipeline.id);
    // Owner names arrive after the board; count renders from then on.
    await waitUntil(() => board.shadowRoot!.querySelector('select[name="owner"]'), 'no owners');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const renders = new Map<string, number>();
    const proto = CrmPipelineColumn.prototype as unknown as { render: () => unknown };
    const original = proto.render;
    proto.render = function (this: CrmPipelineColumn) {
      const name = this.column?.stage.name ?? '';
      renders.set(name, (renders.get(name) ?? 0) + 1);
      return original.call(this);
    };
    try {
      await focusCard(board, 'Alpha');
      await press('Space');
      await press('ArrowRight');
      const moved = oneEvent(board, CrmOpportunityMovedEvent.eventName);
      await press('Space');
      await moved;
      await waitUntil(() => !column(board, 'Qualified').column!.estimated, 'figures not refreshed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(renders.get('Proposal') ?? 0).to.equal(0);
      expect(renders.get('Lead')).to.be.greaterThan(0);
      expect(renders.get('Qualified')).to.be.greaterThan(0);
    } finally {
      proto.render = original;
    }
  });

  it("follows other people's changes live, reading only the columns they touch", async () => {
    const { pipeline, deals, stage } = await testPipeline();
    const { client, requests } = recordingClient();
    const board = await boardFor(pipeline.id, { client });
    await waitUntil(() => board.shadowRoot!.querySelector('select[name="owner"]'), 'no owners');
    // Wait for the live stream to be open, and for what the caller may do (the "New deal" button).
    await waitUntil(() => changeStreamOf(client).state === 'open', 'no live stream', { timeout: 8000 });
    await waitUntil(() => board.shadowRoot!.querySelector('[part~="create-button"]'), 'no capabilities');
    const before = requests.length;
    const renders = new Map<string, number>();
    const proto = CrmPipelineColumn.prototype as unknown as { render: () => unknown };
    const original = proto.render;
    proto.render = function (this: CrmPipelineColumn) {
      const name = this.column?.stage.name ?? '';
      renders.set(name, (renders.get(name) ?? 0) + 1);
      return original.call(this);
    };
    try {
      // Someone else (another client, as another browser would be) moves Bravo from Lead to Proposal.
      await kitClient(ACME_ADMIN).opportunities.move(
        deals.Bravo!.id,
        { stageId: stage('Proposal') },
        { version: deals.Bravo!.version },
      );
      await waitUntil(() => cardNames(column(board, 'Proposal')).includes('Bravo'), 'the change did not arrive', {
        timeout: 8000,
      });
      await waitUntil(() => !cardNames(column(board, 'Lead')).includes('Bravo'), 'Lead was not refreshed');
      const read = requests.slice(before).filter((r) => r.url.includes('/board/stages/'));
      const stagesRead = new Set(read.map((r) => new URL(r.url).pathname.split('/').at(-1)));
      expect([...stagesRead].sort()).to.deep.equal([stage('Lead'), stage('Proposal')].sort());
      expect(renders.get('Qualified') ?? 0).to.equal(0);
    } finally {
      proto.render = original;
    }
  });

  it('filters by owner, by "mine", by close date and by customer tag', async () => {
    const { pipeline, deals } = await testPipeline();
    const { client, requests } = recordingClient();
    const board = await boardFor(pipeline.id, { client });
    await waitUntil(() => board.shadowRoot!.querySelector('select[name="owner"]'), 'no owner filter');
    const owner = board.shadowRoot!.querySelector<HTMLSelectElement>('select[name="owner"]')!;
    const admin = [...owner.options].find((o) => o.text === 'Alex Morgan')!;
    owner.value = admin.value;
    owner.dispatchEvent(new Event('change'));
    await waitUntil(() => requests.some((r) => r.url.includes(`ownerId=${admin.value}`)), 'no owner filter sent');
    expect(board.ownerId).to.equal(admin.value);
    await loaded(board);
    // The admin created every test deal.
    expect(cardNames(column(board, 'Lead'))).to.deep.equal(['Alpha', 'Bravo', 'Charlie']);

    board.ownerId = '';
    board.mine = true;
    await waitUntil(() => requests.some((r) => r.url.includes('mine=true')), 'mine not sent');
    board.mine = false;
    board.closeFrom = '2027-02-01';
    await waitUntil(() => requests.some((r) => r.url.includes('closeFrom=2027-02-01')), 'closeFrom not sent');
    await waitUntil(() => column(board, 'Lead').column!.cards.length === 0, 'close filter not applied');
    expect(text(column(board, 'Lead').shadowRoot!.querySelector('[part~="column-empty"]'))).to.equal(
      'No deals match these filters.',
    );
    board.closeFrom = '';
    await loaded(board);
    // The tag applies as it is typed, once typing pauses: one request for the whole word, no Enter.
    const customer = await api.customers.get(deals.Alpha!.customerId);
    const tag = customer.tags[0]!;
    board.shadowRoot!.querySelector<HTMLInputElement>('input[name="tag"]')!.focus();
    await sendKeys({ type: tag });
    await waitUntil(
      () => column(board, 'Qualified').column?.cards.length === 2 && requests.some((r) => r.url.includes('tag=')),
      'tag not applied',
    );
    expect(board.tag).to.equal(tag);
    const tagged = requests.filter((r) => r.url.includes('/board?') && r.url.includes('tag='));
    expect(tagged.map((r) => new URL(r.url).searchParams.get('tag'))).to.deep.equal([tag]);
    const clear = board.shadowRoot!.querySelector<HTMLButtonElement>('.clear')!;
    clear.click();
    await board.updateComplete;
    expect(board.tag).to.equal('');
  });

  describe('states', () => {
    it('shows a skeleton while loading, then the board', async () => {
      const gate = gatedFetch();
      const client = kitClient(ACME_ADMIN, gate.fetch);
      const provider = await fixture(
        html`<crm-provider .client=${client}>
          <crm-pipeline-board pipeline-id=${sample.id}></crm-pipeline-board>
        </crm-provider>`,
      );
      const board = provider.querySelector('crm-pipeline-board')!;
      await board.updateComplete;
      expect(board.shadowRoot!.querySelector('[part~="skeleton"]')).not.to.equal(null);
      expect(text(board.shadowRoot!.querySelector('[part~="skeleton"]'))).to.contain('Loading the board…');
      await expect(board).to.be.accessible();
      gate.release();
      await loaded(board);
    });

    it('explains a failure and retries', async () => {
      let fail = true;
      const client = kitClient(ACME_ADMIN, async (request) => {
        if (fail) throw new TypeError('Failed to fetch');
        return fetch(request);
      });
      const provider = await fixture(
        html`<crm-provider .client=${client}>
          <crm-pipeline-board pipeline-id=${sample.id}></crm-pipeline-board>
        </crm-provider>`,
      );
      const board = provider.querySelector('crm-pipeline-board')!;
      await waitUntil(() => board.shadowRoot!.querySelector('[part~="error"]'), 'no error');
      expect(text(board.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Could not reach the server.');
      await expect(board).to.be.accessible();
      fail = false;
      board.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
      await loaded(board);
    });

    it('says when the pipeline does not exist, and when it is not connected', async () => {
      const board = await fixture<CrmPipelineBoard>(
        html`<crm-pipeline-board
          base-url=${BASE_URL}
          token=${TOKEN}
          pipeline-id=${crypto.randomUUID()}
        ></crm-pipeline-board>`,
      );
      await waitUntil(() => board.shadowRoot!.querySelector('[part~="error"]'), 'no error');
      expect(text(board.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Pipeline not found.');
      expect(board.shadowRoot!.querySelector('[part~="retry-button"]')).to.equal(null);
      const alone = await fixture<CrmPipelineBoard>(html`<crm-pipeline-board></crm-pipeline-board>`);
      expect(text(alone.shadowRoot!.querySelector('[part~="error"]'))).to.contain('Not connected to crmkit');
    });

    it("shows the organization's default pipeline without a pipeline-id", async () => {
      const board = await fixture<CrmPipelineBoard>(
        html`<crm-pipeline-board base-url=${BASE_URL} token=${TOKEN}></crm-pipeline-board>`,
      );
      await loaded(board);
      expect(text(board.shadowRoot!.querySelector('[part~="heading"]'))).to.equal('New business');
    });

    it('speaks Traditional and Simplified Chinese, with money through Intl', async () => {
      const formosa = (await kitClient('admin@formosa.test').pipelines.list()).items[0]!;
      const provider = await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${tokenFor('admin@formosa.test')} locale="zh-Hant">
          <crm-pipeline-board pipeline-id=${formosa.id}></crm-pipeline-board>
        </crm-provider>
      `);
      const board = provider.querySelector('crm-pipeline-board')!;
      await loaded(board);
      const summary = text(board.shadowRoot!.querySelector('[part~="summary"]'));
      expect(summary).to.match(/筆商機/);
      expect(summary).to.contain('$');
      expect(text(board.shadowRoot!.querySelector('[part~="filters"]'))).to.contain('只看我的商機');
      await expect(board).to.be.accessible();
      (provider as HTMLElement).setAttribute('locale', 'zh-Hans');
      await waitUntil(() => text(board.shadowRoot!.querySelector('[part~="summary"]')).includes('个商机'));
      expect(text(columns(board)[0]!.shadowRoot!.querySelector('.weighted'))).to.contain('加权');
    });
  });
});
