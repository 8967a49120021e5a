import type { Activity } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { knownCapabilities } from '../../test/capabilities.js';
import { BASE_URL, findCustomer, kitClient, part, parts, status, text, tokenFor } from '../../test/kit.js';
import '../index.js';
import { CrmActivityCompleteEvent, CrmCustomerSelectEvent } from '../shared/events.js';
import type { CrmTaskList } from './task-list.js';
import { groupOf } from './task-data.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';
const rep = kitClient(REP);
const unique = (what: string) => `${what} ${Math.random().toString(36).slice(2, 8)}`;
const HOUR = 3_600_000;

async function listFor({ email = REP, locale = 'en', owner = '', live = true } = {}) {
  const provider = await fixture(html`
    <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
      <crm-task-list owner=${owner} ?no-live=${!live}></crm-task-list>
    </crm-provider>
  `);
  const element = provider.querySelector('crm-task-list')!;
  await knownCapabilities(provider);
  await waitUntil(
    () => element.shadowRoot?.querySelector('[part~="base"][aria-busy="false"]') && !part(element, 'skeleton'),
    'the list did not load',
    { timeout: 8000 },
  );
  await element.updateComplete;
  return element;
}

/** A task of the rep's, about a seeded customer, due at `dueAt` (or undated). */
async function newTask(dueAt: Date | null, subject = unique('Call back')) {
  const customer = await findCustomer('Northwind', REP).catch(async () => (await rep.customers.list()).items[0]!);
  return rep.activities.create({
    type: 'task',
    subject,
    dueAt: dueAt?.toISOString() ?? null,
    customerId: customer.id,
  });
}

const row = (element: CrmTaskList, task: Activity) =>
  element.shadowRoot!.querySelector<HTMLElement>(`[part~="task"][data-id="${task.id}"]`);
const groupOfRow = (element: CrmTaskList, task: Activity) =>
  row(element, task)?.closest<HTMLElement>('[part~="group"]')?.dataset.group;
const shows = (element: CrmTaskList, task: Activity) =>
  waitUntil(() => row(element, task), `${task.subject} is not shown`, { timeout: 8000 });

/** Earlier today (but past) and later today (still ahead), wherever in the day the test runs. */
function todayAround(now = new Date()) {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const end = start + 24 * HOUR;
  return {
    earlier: new Date(Math.max(start + 1000, now.getTime() - HOUR)),
    later: new Date(Math.min(end - 1000, now.getTime() + HOUR)),
  };
}

describe('crm-task-list', () => {
  it('groups by due moment in local time: a task due earlier today is overdue, one due later today is today', () => {
    const now = new Date(2026, 2, 10, 14, 0);
    expect(groupOf({ dueAt: new Date(2026, 2, 10, 9, 0).toISOString() }, now)).to.equal('overdue');
    expect(groupOf({ dueAt: new Date(2026, 2, 10, 17, 0).toISOString() }, now)).to.equal('today');
    expect(groupOf({ dueAt: new Date(2026, 2, 10, 23, 59).toISOString() }, now)).to.equal('today');
    expect(groupOf({ dueAt: new Date(2026, 2, 11, 0, 0).toISOString() }, now)).to.equal('upcoming');
    expect(groupOf({ dueAt: new Date(2026, 1, 1).toISOString() }, now)).to.equal('overdue');
    expect(groupOf({ dueAt: null }, now)).to.equal('none');
  });

  it("shows the rep's open tasks in their groups, with due time and what they are about", async () => {
    const { earlier, later } = todayAround();
    const overdue = await newTask(earlier);
    const today = await newTask(later);
    const upcoming = await newTask(new Date(Date.now() + 3 * 24 * HOUR));
    const undated = await newTask(null);
    const element = await listFor();
    await shows(element, undated);
    expect(groupOfRow(element, overdue)).to.equal('overdue');
    expect(groupOfRow(element, today)).to.equal('today');
    expect(groupOfRow(element, upcoming)).to.equal('upcoming');
    expect(groupOfRow(element, undated)).to.equal('none');
    expect(parts(element, 'group').map((group) => group.dataset.group)).to.deep.equal([
      'overdue',
      'today',
      'upcoming',
      'none',
    ]);
    expect(text(part(element, 'heading'))).to.equal('My day');
    const shown = row(element, today)!;
    expect(text(shown.querySelector('[part~="subject"]'))).to.equal(today.subject);
    expect(text(shown.querySelector('[part~="due"]'))).to.match(/^\d{1,2}:\d{2}\s?[AP]M in (\d+ minutes|1 hour)$/);
    expect(text(row(element, undated)!.querySelector('[part~="due"]'))).to.equal('No due date');
    // Every task shown is the rep's own and open.
    const me = await rep.me();
    for (const task of parts(element, 'task')) {
      const saved = await rep.activities.get(task.dataset.id!);
      expect(saved.ownerId).to.equal(me.userId);
      expect(saved.doneAt).to.equal(null);
    }
    // The customer it is about is a link the host can follow.
    await waitUntil(() => shown.querySelector('[part~="about-link"]'), 'no link to the customer', { timeout: 8000 });
    const selected = oneEvent(element, CrmCustomerSelectEvent.eventName);
    shown.querySelector<HTMLButtonElement>('[part~="about-link"]')!.click();
    const { detail } = (await selected) as CrmCustomerSelectEvent;
    expect(detail.customer.id).to.equal(today.customerId);
    await expect(element).to.be.accessible();
  });

  it('completes the focused task with Space, and the next with Enter: they leave the list and the kit has doneAt', async () => {
    const first = await newTask(new Date(Date.now() - 2 * 24 * HOUR), unique('A first'));
    const second = await newTask(new Date(Date.now() - 2 * 24 * HOUR + 1000), unique('A second'));
    const element = await listFor();
    await shows(element, second);
    const box = row(element, first)!.querySelector<HTMLInputElement>('[part~="checkbox"]')!;
    box.focus();
    const completed = oneEvent(element, CrmActivityCompleteEvent.eventName);
    await sendKeys({ press: 'Space' });
    const { detail } = (await completed) as CrmActivityCompleteEvent;
    expect(detail.activity.id).to.equal(first.id);
    await waitUntil(() => !row(element, first), 'the task stayed', { timeout: 8000 });
    expect((await rep.activities.get(first.id)).doneAt).to.be.a('string');
    expect(status(element)).to.equal(`${first.subject} done.`);
    expect(text(part(element, 'done-today'))).to.match(/^Done today: \d+/);
    expect(text(part(element, 'done-today'))).to.contain(first.subject);
    // Focus moved on to the next task, which Enter completes.
    await waitUntil(() => element.shadowRoot!.activeElement?.closest('[part~="task"]'), 'focus left the list');
    expect(element.shadowRoot!.activeElement!.closest<HTMLElement>('[part~="task"]')!.dataset.id).to.equal(second.id);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !row(element, second), 'the second task stayed', { timeout: 8000 });
    expect((await rep.activities.get(second.id)).doneAt).to.be.a('string');

    // A list opened afterwards reads what was done today from the kit.
    const later = await listFor();
    expect(text(part(later, 'done-today'))).to.contain(first.subject);
    later.closest('crm-provider')!.remove();

    // Undo opens the last one again.
    part(element, 'undo-button')!.click();
    await waitUntil(() => row(element, second), 'undo did not bring the task back', { timeout: 8000 });
    expect((await rep.activities.get(second.id)).doneAt).to.equal(null);
  });

  it('moves between tasks with the arrow keys, one tab stop for the list', async () => {
    await newTask(new Date(Date.now() - 24 * HOUR));
    await newTask(new Date(Date.now() - 24 * HOUR));
    const element = await listFor();
    await waitUntil(() => parts(element, 'checkbox').length >= 2, 'too few tasks', { timeout: 8000 });
    const boxes = parts(element, 'checkbox');
    expect(boxes.filter((box) => box.tabIndex === 0)).to.deep.equal([boxes[0]]);
    const ids = boxes.map((box) => box.closest<HTMLElement>('[part~="task"]')!.dataset.id);
    boxes[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    const focused = element.shadowRoot!.activeElement as HTMLInputElement;
    expect(focused.closest<HTMLElement>('[part~="task"]')!.dataset.id).to.equal(ids[1]);
    expect(focused.tabIndex).to.equal(0);
    expect(parts(element, 'checkbox').filter((box) => box.tabIndex === 0)).to.deep.equal([focused]);
    await sendKeys({ press: 'End' });
    await element.updateComplete;
    expect(
      (element.shadowRoot!.activeElement as HTMLElement).closest<HTMLElement>('[part~="task"]')!.dataset.id,
    ).to.equal(ids.at(-1));
  });

  it('tells of a change made meanwhile (412), completes nothing, and shows the task as it is now', async () => {
    const task = await newTask(new Date(Date.now() - 3 * HOUR));
    // Not following the stream, so that the list surely still holds the version it read.
    const element = await listFor({ live: false });
    await shows(element, task);
    const renamed = unique('Renamed elsewhere');
    await kitClient('manager@acme.test').activities.update(task.id, { subject: renamed }, { version: task.version });
    const box = row(element, task)!.querySelector<HTMLInputElement>('[part~="checkbox"]')!;
    box.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => part(element, 'notice')?.classList.contains('failed'), 'no notice', { timeout: 8000 });
    expect(text(part(element, 'notice'))).to.equal(
      `Someone else changed ${task.subject} meanwhile, so it was not marked done; the list now shows it as it is.`,
    );
    expect((await rep.activities.get(task.id)).doneAt).to.equal(null);
    await waitUntil(() => text(row(element, task)?.querySelector('[part~="subject"]')) === renamed, 'not reloaded', {
      timeout: 8000,
    });
    expect(row(element, task)!.querySelector<HTMLInputElement>('[part~="checkbox"]')!.checked).to.equal(false);
  });

  it("gives a viewer no checkbox and no New task, but shows the rep's tasks", async () => {
    const task = await newTask(new Date(Date.now() + 2 * HOUR));
    const me = await rep.me();
    const element = await listFor({ email: VIEWER, owner: me.userId! });
    await shows(element, task);
    expect(parts(element, 'checkbox')).to.have.length(0);
    expect(part(element, 'new-button')).to.equal(null);
    expect(part(element, 'undo-button')).to.equal(null);
    await expect(element).to.be.accessible();
  });

  it('tells a caller the kit refuses (403) that they may not, and keeps the task', async () => {
    const task = await newTask(new Date(Date.now() + 2 * HOUR));
    const me = await rep.me();
    // Without a provider the list does not know the caller is a viewer: it offers the checkbox, the kit says no.
    const element = await fixture<CrmTaskList>(html`
      <crm-task-list base-url=${BASE_URL} token=${tokenFor(VIEWER)} owner=${me.userId!}></crm-task-list>
    `);
    await shows(element, task);
    expect(part(element, 'new-button')).to.equal(null);
    row(element, task)!.querySelector<HTMLInputElement>('[part~="checkbox"]')!.click();
    await waitUntil(() => part(element, 'notice')?.classList.contains('failed'), 'no notice', { timeout: 8000 });
    expect(text(part(element, 'notice'))).to.equal(`You may not change ${task.subject}.`);
    expect(row(element, task)).to.not.equal(null);
    expect(row(element, task)!.querySelector<HTMLInputElement>('[part~="checkbox"]')!.checked).to.equal(false);
    expect((await rep.activities.get(task.id)).doneAt).to.equal(null);
  });

  it("lets a manager look at a team member's tasks", async () => {
    const task = await newTask(new Date(Date.now() + 2 * HOUR));
    const me = await rep.me();
    const element = await listFor({ email: 'manager@acme.test' });
    const select = await waitUntil(() => part(element, 'owner-select'), 'no owner select', { timeout: 8000 }).then(
      () => part(element, 'owner-select') as HTMLSelectElement,
    );
    select.value = me.userId!;
    select.dispatchEvent(new Event('change'));
    await shows(element, task);
    expect(text(part(element, 'heading'))).to.equal('Tasks of Ryan Patel');
  });

  it('follows another writer: a task made elsewhere appears, one done elsewhere goes', async () => {
    const element = await listFor();
    const made = await newTask(new Date(Date.now() + HOUR));
    await shows(element, made);
    await rep.activities.update(made.id, { doneAt: new Date().toISOString() }, { version: made.version });
    await waitUntil(() => !row(element, made), 'the task done elsewhere stayed', { timeout: 8000 });
  });

  it('adds a task with New task', async () => {
    const element = await listFor();
    const customer = (await rep.customers.list({ limit: 1 })).items[0]!;
    part(element, 'new-button')!.click();
    await waitUntil(() => element.shadowRoot!.querySelector('dialog[open]'), 'no dialog');
    const field = (id: string) => element.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!;
    part(element, 'submit-button')!.click();
    await waitUntil(() => part(element, 'field-error'), 'no error for the empty subject');
    expect(field('task-subject').getAttribute('aria-invalid')).to.equal('true');
    const subject = unique('Send the quote');
    field('task-subject').value = subject;
    field('task-subject').dispatchEvent(new Event('input'));
    field('task-customer').value = customer.name;
    field('task-customer').dispatchEvent(new Event('input'));
    await waitUntil(
      () =>
        element.shadowRoot!.querySelector(`#task-customer-suggestions option[value="${CSS.escape(customer.name)}"]`),
      'no suggestion',
      { timeout: 8000 },
    );
    part(element, 'submit-button')!.click();
    await waitUntil(() => !element.shadowRoot!.querySelector('dialog[open]'), 'the dialog stayed open', {
      timeout: 8000,
    });
    await waitUntil(() => parts(element, 'subject').some((s) => text(s) === subject), 'the new task is not shown', {
      timeout: 8000,
    });
    const found = (await rep.activities.list({ type: 'task', open: true, q: subject })).items[0]!;
    expect(found).to.deep.include({ subject, customerId: customer.id });
    expect(found.dueAt).to.be.a('string');
  });

  it('speaks Traditional Chinese', async () => {
    const { later } = todayAround();
    const task = await newTask(later);
    const element = await listFor({ locale: 'zh-Hant' });
    await shows(element, task);
    expect(text(part(element, 'heading'))).to.equal('我的一天');
    const headings = parts(element, 'group-heading').map((heading) => text(heading).split(' ')[0]);
    expect(headings).to.include('今天');
    expect(text(part(element, 'new-button'))).to.equal('新增待辦');
    // A time of day with its period, as Traditional Chinese names them (CLDR: 清晨 from 5 to 8, 凌晨 before).
    expect(text(row(element, task)!.querySelector('[part~="due"]'))).to.match(/(午夜|凌晨|清晨|上午|中午|下午|晚上)\d/);
    await expect(element).to.be.accessible();
  });
});
