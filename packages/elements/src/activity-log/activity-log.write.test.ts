// The activity log's writes (composer, tasks) and live updates, against the real kit.
import type { Activity, CrmClient, Customer } from '@crmkit/core';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  ACME_ADMIN,
  BASE_URL,
  kitClient,
  part,
  parts,
  settledOn,
  status,
  text,
  tokenFor,
  unknownId,
} from '../../test/kit.js';
import '../index.js';
import { changeStreamOf } from '../shared/change-stream.js';
import { CrmActivityCompleteEvent, CrmActivityCreateEvent } from '../shared/events.js';
import type { CrmActivityLog } from './activity-log.js';

const REP = 'rep@acme.test';
const VIEWER = 'viewer@acme.test';

type Fetch = (request: Request) => Promise<Response>;

function control<T extends HTMLElement = HTMLInputElement>(log: CrmActivityLog, name: string): T {
  return log.shadowRoot!.querySelector<T>(`#${name}`)!;
}
function fieldError(log: CrmActivityLog, name: string): string {
  return text(log.shadowRoot!.querySelector(`[part~="field"][data-field="${name}"] [part~="field-error"]`));
}
function entry(log: CrmActivityLog, id: string): HTMLElement | null {
  return log.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${id}"]`);
}
function subjects(log: CrmActivityLog): string[] {
  return parts(log, 'item-subject').map(text);
}
/** Sets a field as typing would (for values typing cannot produce, such as text past maxlength). */
function fill(log: CrmActivityLog, name: string, value: string): void {
  const field = control<HTMLInputElement | HTMLSelectElement>(log, name);
  field.value = value;
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
async function chooseType(log: CrmActivityLog, type: string): Promise<void> {
  log.shadowRoot!.querySelector<HTMLInputElement>(`input[name="type"][value="${type}"]`)!.click();
  await log.updateComplete;
}

function settled(log: CrmActivityLog): Promise<void> {
  return settledOn(log, '[part~="skeleton"], .end[aria-busy="true"]', 'the log');
}

/** A fetch to the kit that records every request and can hold back writes until released. */
function recordingFetch({ hold = false } = {}) {
  const requests: { request: Request; body: unknown }[] = [];
  const held: (() => void)[] = [];
  let holding = hold;
  const fetch: Fetch = async (request) => {
    const body =
      request.method === 'GET'
        ? undefined
        : await request
            .clone()
            .json()
            .catch(() => undefined);
    requests.push({ request, body });
    if (holding && request.method !== 'GET') await new Promise<void>((go) => held.push(go));
    return globalThis.fetch(request);
  };
  return {
    fetch,
    writes: () => requests.filter((r) => r.request.method !== 'GET'),
    requests,
    release() {
      holding = false;
      for (const go of held.splice(0)) go();
    },
  };
}

async function logFor(
  target: string,
  { fetch = undefined as Fetch | undefined, email = ACME_ADMIN, live = false } = {},
) {
  const client = kitClient(email, fetch);
  const provider = await fixture(html`
    <crm-provider .client=${client} locale="en">
      <crm-activity-log for=${target} ?no-live=${!live}></crm-activity-log>
    </crm-provider>
  `);
  const log = provider.querySelector('crm-activity-log')!;
  await settled(log);
  return log;
}

describe('crm-activity-log: writing', () => {
  let customer: Customer;
  const created: string[] = [];

  before(async () => {
    // A customer a rep owns: the rep can write to it, the admin sees it.
    const [owned] = (await kitClient(REP).customers.list({ limit: 1, sort: 'name' })).items;
    customer = owned!;
  });

  after(async () => {
    const mine = await kitClient().activities.list({ customerId: customer.id, limit: 200 });
    for (const activity of mine.items) {
      if (created.includes(activity.id) || /^\[test\]/.test(activity.subject)) {
        await kitClient()
          .activities.remove(activity.id)
          .catch(() => {});
      }
    }
  });

  describe('composer', () => {
    it('logs a call: shown at once, saved by the kit, announced, and the form is cleared', async () => {
      const recorder = recordingFetch({ hold: true });
      const log = await logFor(`customer:${customer.id}`, { fetch: recorder.fetch });
      const before = subjects(log).length;
      const form = part(log, 'composer') as HTMLFormElement;
      expect(form.tagName).to.equal('FORM');
      expect(form.getAttribute('aria-label')).to.equal('Log activity');
      expect(log.shadowRoot!.querySelector<HTMLInputElement>('input[name="type"]:checked')!.value).to.equal('call');
      expect(text(log.shadowRoot!.querySelector('label[for="subject"]'))).to.equal('Subject');

      control(log, 'subject').focus();
      await sendKeys({ type: '[test] Pricing call' });
      control(log, 'body').focus();
      await sendKeys({ type: 'Asked for a volume discount.' });
      control(log, 'duration').focus();
      await sendKeys({ type: '15' });
      fill(log, 'outcome', 'connected');
      fill(log, 'direction', 'inbound');
      const fired = oneEvent(document, 'crm-activity-create');
      control(log, 'subject').focus();
      await sendKeys({ press: 'Enter' });
      await log.updateComplete;

      // Shown before the kit answers, marked as saving; the form keeps its text until then.
      const pending = log.shadowRoot!.querySelector<HTMLElement>('[part~="item"][data-pending]')!;
      expect(text(pending.querySelector('[part~="item-subject"]'))).to.equal('[test] Pricing call');
      expect(pending.getAttribute('aria-busy')).to.equal('true');
      expect(text(pending.querySelector('time'))).to.equal('Saving…');
      // The newest entry of the past and today: only what is planned after today ("Upcoming") comes before it.
      const days = [...log.shadowRoot!.querySelectorAll('[part~="day"]')];
      const today = days.find((day) => text(day.querySelector('.day-label')) !== 'Upcoming')!;
      expect(text(today.querySelector('[part~="item-subject"]'))).to.equal('[test] Pricing call');
      expect(control(log, 'subject').value).to.equal('[test] Pricing call');
      expect((part(log, 'submit-button') as HTMLButtonElement).disabled).to.equal(true);

      await waitUntil(() => recorder.writes().length === 1);
      recorder.release();
      const event = (await fired) as CrmActivityCreateEvent;
      expect(event).to.be.instanceOf(CrmActivityCreateEvent);
      expect(event.bubbles && event.composed).to.equal(true);
      const activity = event.detail.activity;
      created.push(activity.id);

      const [write] = recorder.writes();
      expect(write!.request.method).to.equal('POST');
      expect(new URL(write!.request.url).pathname).to.equal(`${BASE_URL}/activities`);
      expect(write!.request.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{36}$/);
      expect(write!.body).to.deep.equal({
        type: 'call',
        subject: '[test] Pricing call',
        body: 'Asked for a volume discount.',
        customerId: customer.id,
        direction: 'inbound',
        durationSeconds: 900,
        outcome: 'connected',
      });
      expect(await kitClient().activities.get(activity.id)).to.deep.include({
        subject: '[test] Pricing call',
        durationSeconds: 900,
        customerId: customer.id,
      });

      await log.updateComplete;
      const saved = entry(log, activity.id)!;
      expect(saved.hasAttribute('data-pending')).to.equal(false);
      expect(subjects(log)).to.have.length(before + 1);
      expect(text(saved.querySelector('[part~="item-meta"]'))).to.match(/^Call, Inbound, 15 min, Connected/);
      expect(control(log, 'subject').value).to.equal('');
      expect(control(log, 'body').value).to.equal('');
      expect(log.shadowRoot!.activeElement).to.equal(control(log, 'subject'));
      await waitUntil(() => status(log) === 'Call saved: [test] Pricing call.', status(log));
    });

    it('schedules a follow-up task with its due date and time', async () => {
      const recorder = recordingFetch();
      const log = await logFor(`customer:${customer.id}`, { fetch: recorder.fetch });
      await chooseType(log, 'task');
      expect(control(log, 'direction')).to.equal(null);
      expect(control(log, 'duration')).to.equal(null);
      expect(text(part(log, 'submit-button'))).to.equal('Schedule task');
      const due = control(log, 'due');
      expect(due.type).to.equal('datetime-local');
      // Tomorrow at nine unless the user picks another time.
      const tomorrow = new Date();
      tomorrow.setDate(tomorrow.getDate() + 1);
      expect(due.value).to.match(new RegExp(`^\\d{4}-\\d{2}-${String(tomorrow.getDate()).padStart(2, '0')}T09:00$`));
      fill(log, 'due', due.value.replace('T09:00', 'T14:30'));
      fill(log, 'subject', '[test] Send the revised quote');
      const fired = oneEvent(document, 'crm-activity-create');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      const { activity } = ((await fired) as CrmActivityCreateEvent).detail;
      created.push(activity.id);

      const at = new Date(tomorrow);
      at.setHours(14, 30, 0, 0);
      expect(recorder.writes()[0]!.body).to.deep.include({
        type: 'task',
        subject: '[test] Send the revised quote',
        dueAt: at.toISOString(),
        occurredAt: at.toISOString(),
      });
      await log.updateComplete;
      const item = entry(log, activity.id)!;
      // Planned after today: under "Upcoming", with its own day beside it.
      expect(text(item.closest('[part~="day"]')!.querySelector('.day-label'))).to.equal('Upcoming');
      expect(text(item.querySelector('[part~="item-time"]'))).to.contain(
        tomorrow.toLocaleDateString('en', { month: 'short', day: 'numeric' }),
      );
      expect(text(item.querySelector('[part~="item-meta"]'))).to.contain('Due tomorrow');
      expect(item.querySelector('[part~="task-toggle"]')).not.to.equal(null);
    });

    it('logs an email, a meeting and a note with the fields each has', async () => {
      const recorder = recordingFetch();
      const log = await logFor(`customer:${customer.id}`, { fetch: recorder.fetch });
      const submit = async (subject: string) => {
        fill(log, 'subject', subject);
        const fired = oneEvent(document, 'crm-activity-create');
        (part(log, 'submit-button') as HTMLButtonElement).click();
        created.push(((await fired) as CrmActivityCreateEvent).detail.activity.id);
      };
      await chooseType(log, 'email');
      expect(control(log, 'duration')).to.equal(null);
      expect([...control<HTMLSelectElement>(log, 'direction').options].map((o) => text(o))).to.deep.equal([
        'Sent',
        'Received',
      ]);
      await submit('[test] Sent the catalog');
      await chooseType(log, 'meeting');
      expect(control(log, 'direction')).to.equal(null);
      expect(control(log, 'outcome').tagName).to.equal('INPUT');
      fill(log, 'duration', '45');
      fill(log, 'outcome', 'Agreed on a pilot');
      const earlier = new Date(Date.now() - 2 * 3_600_000);
      earlier.setSeconds(0, 0);
      const local = (d: Date) =>
        `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}T${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
      fill(log, 'when', local(earlier));
      await submit('[test] Pilot kickoff');
      await chooseType(log, 'note');
      expect(text(part(log, 'submit-button'))).to.equal('Add note');
      await submit('[test] Decision maker is the CFO');

      const [email, meeting, note] = recorder.writes().map((w) => w.body as Record<string, unknown>);
      expect(email).to.deep.equal({
        type: 'email',
        subject: '[test] Sent the catalog',
        body: null,
        customerId: customer.id,
        direction: 'outbound',
      });
      expect(meeting).to.deep.equal({
        type: 'meeting',
        subject: '[test] Pilot kickoff',
        body: null,
        customerId: customer.id,
        durationSeconds: 2700,
        outcome: 'Agreed on a pilot',
        occurredAt: earlier.toISOString(),
      });
      expect(note).to.deep.equal({
        type: 'note',
        subject: '[test] Decision maker is the CFO',
        body: null,
        customerId: customer.id,
      });
    });

    it('shows notes and details once the user turns to it, and folds back when left untouched', async () => {
      const log = await logFor(`customer:${customer.id}`);
      const more = log.shadowRoot!.querySelector<HTMLElement>('.more')!;
      expect(more.hidden).to.equal(true);
      control(log, 'subject').focus();
      await log.updateComplete;
      expect(more.hidden).to.equal(false);
      // Out of the form with nothing typed: it folds back.
      control(log, 'subject').blur();
      await waitUntil(() => more.hidden, 'the composer did not fold back');
      // With text in it, it stays open.
      control(log, 'subject').focus();
      await sendKeys({ type: 'x' });
      control(log, 'subject').blur();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(more.hidden).to.equal(false);
    });

    it('shows what is missing next to each field before asking the kit, and keeps the text', async () => {
      const recorder = recordingFetch();
      const log = await logFor(`customer:${customer.id}`, { fetch: recorder.fetch });
      fill(log, 'body', 'Notes I do not want to lose');
      fill(log, 'duration', '-5');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      await waitUntil(() => fieldError(log, 'subject'));
      expect(fieldError(log, 'subject')).to.equal('Enter a subject.');
      expect(fieldError(log, 'duration')).to.equal('Enter whole minutes from 0 to 1,440.');
      const subject = control(log, 'subject');
      expect(subject.getAttribute('aria-invalid')).to.equal('true');
      expect(subject.getAttribute('aria-describedby')).to.equal('subject-error');
      expect(log.shadowRoot!.getElementById('subject-error')).not.to.equal(null);
      expect(log.shadowRoot!.activeElement).to.equal(subject);
      expect(control(log, 'body').value).to.equal('Notes I do not want to lose');
      expect(recorder.writes()).to.have.length(0);
      await expect(log).to.be.accessible();

      // Typing into a field clears its message.
      await sendKeys({ type: 'x' });
      await log.updateComplete;
      expect(fieldError(log, 'subject')).to.equal('');
      expect(fieldError(log, 'duration')).not.to.equal('');

      await chooseType(log, 'task');
      fill(log, 'due', '');
      fill(log, 'subject', '[test] no due date');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      await waitUntil(() => fieldError(log, 'due'));
      expect(fieldError(log, 'due')).to.equal('Choose when the task is due.');
      expect(log.shadowRoot!.activeElement).to.equal(control(log, 'due'));
      expect(recorder.writes()).to.have.length(0);
    });

    it("puts the kit's 400 errors next to their fields, rolls back, and keeps what was typed", async () => {
      const log = await logFor(`customer:${customer.id}`);
      const before = subjects(log);
      await chooseType(log, 'meeting');
      fill(log, 'subject', '[test] Too much outcome');
      fill(log, 'body', 'Kept after the error');
      // Longer than the kit allows (the field's maxlength stops typing, not a paste from a script).
      fill(log, 'outcome', 'x'.repeat(250));
      (part(log, 'submit-button') as HTMLButtonElement).click();
      await waitUntil(() => fieldError(log, 'outcome'), 'no error next to the outcome', { timeout: 5000 });
      expect(fieldError(log, 'outcome')).to.equal('At most 200 characters.');
      expect(control(log, 'outcome').getAttribute('aria-invalid')).to.equal('true');
      expect(text(part(log, 'form-error'))).to.equal('Not saved: some fields need attention.');
      expect(part(log, 'form-error')!.getAttribute('role')).to.equal('alert');
      expect(log.shadowRoot!.activeElement).to.equal(control(log, 'outcome'));
      // Rolled back: the stand-in is gone, the draft is whole.
      expect(subjects(log)).to.deep.equal(before);
      expect(control(log, 'subject').value).to.equal('[test] Too much outcome');
      expect(control(log, 'body').value).to.equal('Kept after the error');
      expect(control(log, 'outcome').value).to.have.length(250);
      await expect(log).to.be.accessible();

      // Fixed, it goes through.
      fill(log, 'outcome', 'Fine');
      const fired = oneEvent(document, 'crm-activity-create');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      created.push(((await fired) as CrmActivityCreateEvent).detail.activity.id);
      await log.updateComplete;
      expect(text(part(log, 'form-error'))).to.equal('');
    });

    it('explains errors that belong to no field above the button', async () => {
      const log = await logFor(`customer:${unknownId()}`);
      fill(log, 'subject', '[test] for nobody');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      await waitUntil(() => text(part(log, 'form-error')), 'no form error', { timeout: 5000 });
      expect(text(part(log, 'form-error'))).to.equal(
        'Not saved: some fields need attention. No such record in this organization',
      );
      expect(control(log, 'subject').value).to.equal('[test] for nobody');
    });

    it('keeps the entry when the network drops, and a resend is saved once (same idempotency key)', async () => {
      let lose = true;
      const keys: string[] = [];
      // The kit saves the first attempt, but its answer never arrives.
      const fetch: Fetch = async (request) => {
        if (request.method !== 'POST') return globalThis.fetch(request);
        keys.push(request.headers.get('idempotency-key')!);
        const response = await globalThis.fetch(request);
        if (lose) {
          lose = false;
          throw new TypeError('Failed to fetch');
        }
        return response;
      };
      const log = await logFor(`customer:${customer.id}`, { fetch });
      const before = subjects(log);
      fill(log, 'subject', '[test] Call during a flaky connection');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      await waitUntil(() => text(part(log, 'form-error')), 'no error shown');
      expect(text(part(log, 'form-error'))).to.equal(
        'Could not reach the server. What you typed is still here; try again.',
      );
      expect(subjects(log)).to.deep.equal(before);
      expect(control(log, 'subject').value).to.equal('[test] Call during a flaky connection');

      const fired = oneEvent(document, 'crm-activity-create');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      const { activity } = ((await fired) as CrmActivityCreateEvent).detail;
      created.push(activity.id);
      expect(keys).to.have.length(2);
      expect(keys[1]).to.equal(keys[0]);
      const saved = await kitClient().activities.list({ customerId: customer.id, q: 'flaky connection' });
      expect(saved.items.map((a) => a.id)).to.deep.equal([activity.id]);
      await log.updateComplete;
      expect(subjects(log).filter((s) => s === '[test] Call during a flaky connection')).to.have.length(1);
    });

    it('tells a viewer they may not log activity, keeping the entry', async () => {
      // Used alone, the log does not know the caller's capabilities (a provider would hide the
      // composer from a viewer): the kit's refusal is what it has to handle.
      const log = await fixture<CrmActivityLog>(html`
        <crm-activity-log base-url=${BASE_URL} token=${tokenFor(VIEWER)} for="customer:${customer.id}" no-live>
        </crm-activity-log>
      `);
      await settled(log);
      fill(log, 'subject', '[test] viewer call');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      await waitUntil(() => text(part(log, 'form-error')), 'no error shown', { timeout: 5000 });
      expect(text(part(log, 'form-error'))).to.equal('You are not allowed to log activity here.');
      expect(control(log, 'subject').value).to.equal('[test] viewer call');
    });

    it("links activity on an opportunity to the opportunity's customer as well", async () => {
      const [deal] = (await kitClient().opportunities.list({ limit: 1 })).items;
      const recorder = recordingFetch();
      const log = await logFor(`opportunity:${deal!.id}`, { fetch: recorder.fetch });
      const request = new URL(recorder.requests.find((r) => r.request.url.includes('/activities?'))!.request.url);
      expect(request.searchParams.get('opportunityId')).to.equal(deal!.id);
      fill(log, 'subject', '[test] Deal call');
      const fired = oneEvent(document, 'crm-activity-create');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      const { activity } = ((await fired) as CrmActivityCreateEvent).detail;
      created.push(activity.id);
      expect(activity.opportunityId).to.equal(deal!.id);
      expect(activity.customerId).to.equal(deal!.customerId);
      await kitClient().activities.remove(activity.id);
    });
  });

  describe('tasks', () => {
    let task: Activity;
    beforeEach(async () => {
      task = await kitClient().activities.create({
        type: 'task',
        subject: '[test] Send contract',
        customerId: customer.id,
        dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      });
      created.push(task.id);
    });

    it('marks an open task that is past due as overdue', async () => {
      const overdue = await kitClient().activities.create({
        type: 'task',
        subject: '[test] Overdue follow-up',
        customerId: customer.id,
        dueAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      });
      created.push(overdue.id);
      const log = await logFor(`customer:${customer.id}`);
      const item = entry(log, overdue.id)!;
      expect(item.hasAttribute('data-overdue')).to.equal(true);
      expect(text(item.querySelector('[part~="item-meta"]'))).to.match(/^Overdue, Task, Due 2 days ago/);
      expect(entry(log, task.id)!.hasAttribute('data-overdue')).to.equal(false);
    });

    it('marks a task done with the version it read, and reopens it', async () => {
      const recorder = recordingFetch();
      const log = await logFor(`customer:${customer.id}`, { fetch: recorder.fetch });
      const toggle = entry(log, task.id)!.querySelector<HTMLInputElement>('[part~="task-toggle"]')!;
      const fired = oneEvent(document, 'crm-activity-complete');
      toggle.focus();
      await sendKeys({ press: 'Space' });
      const event = (await fired) as CrmActivityCompleteEvent;
      expect(event).to.be.instanceOf(CrmActivityCompleteEvent);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.activity.id).to.equal(task.id);
      expect(event.detail.activity.doneAt).to.be.a('string');

      const [write] = recorder.writes();
      expect(write!.request.method).to.equal('PATCH');
      expect(new URL(write!.request.url).pathname).to.equal(`${BASE_URL}/activities/${task.id}`);
      expect(write!.request.headers.get('if-match')).to.equal(`"${task.version}"`);
      expect(Object.keys(write!.body as object)).to.deep.equal(['doneAt']);
      expect((await kitClient().activities.get(task.id)).doneAt).to.be.a('string');

      await log.updateComplete;
      const item = entry(log, task.id)!;
      expect(item.hasAttribute('data-done')).to.equal(true);
      expect(text(item.querySelector('[part~="item-meta"]'))).to.contain('Done now');
      expect(log.shadowRoot!.activeElement).to.equal(toggle);
      await waitUntil(() => status(log) === '“[test] Send contract” marked as done.');

      let completes = 0;
      document.addEventListener('crm-activity-complete', () => completes++, { once: true });
      await sendKeys({ press: 'Space' });
      await waitUntil(() => status(log) === '“[test] Send contract” reopened.');
      expect((await kitClient().activities.get(task.id)).doneAt).to.equal(null);
      expect(recorder.writes()[1]!.request.headers.get('if-match')).to.equal(`"${task.version + 1}"`);
      expect(completes).to.equal(0);
    });

    it('shows the other version when someone changed the task meanwhile (412)', async () => {
      const log = await logFor(`customer:${customer.id}`);
      await kitClient(REP).activities.update(
        task.id,
        { subject: '[test] Send signed contract' },
        { version: task.version },
      );
      const toggle = entry(log, task.id)!.querySelector<HTMLInputElement>('[part~="task-toggle"]')!;
      toggle.click();
      await waitUntil(() => text(entry(log, task.id)?.querySelector('[part~="item-message"]')), 'no message');
      const item = entry(log, task.id)!;
      expect(text(item.querySelector('[part~="item-message"]'))).to.equal(
        'Someone else changed “[test] Send signed contract” meanwhile; this is their version. Try again if needed.',
      );
      expect(text(item.querySelector('[part~="item-subject"]'))).to.equal('[test] Send signed contract');
      expect(item.querySelector<HTMLInputElement>('[part~="task-toggle"]')!.checked).to.equal(false);
      expect((await kitClient().activities.get(task.id)).doneAt).to.equal(null);

      // Again, now on the current version: it works.
      const fired = oneEvent(document, 'crm-activity-complete');
      item.querySelector<HTMLInputElement>('[part~="task-toggle"]')!.click();
      await fired;
      await log.updateComplete;
      expect(text(entry(log, task.id)!.querySelector('[part~="item-message"]'))).to.equal('');
    });

    it('rolls the checkbox back and says so when the change fails', async () => {
      const fetch: Fetch = async (request) => {
        if (request.method === 'PATCH') throw new TypeError('Failed to fetch');
        return globalThis.fetch(request);
      };
      const log = await logFor(`customer:${customer.id}`, { fetch });
      const toggle = entry(log, task.id)!.querySelector<HTMLInputElement>('[part~="task-toggle"]')!;
      toggle.click();
      await waitUntil(() => text(entry(log, task.id)?.querySelector('[part~="item-message"]')), 'no message');
      expect(text(entry(log, task.id)!.querySelector('[part~="item-message"]'))).to.equal(
        'Could not update “[test] Send contract”. Check your connection and try again.',
      );
      expect(toggle.checked).to.equal(false);
      expect(entry(log, task.id)!.hasAttribute('data-done')).to.equal(false);
    });
  });

  describe('live', () => {
    async function liveLog(fetch?: Fetch) {
      const log = await logFor(`customer:${customer.id}`, { live: true, fetch });
      await waitUntil(() => log.live === 'open', 'the live stream did not open', { timeout: 8000 });
      return log;
    }

    it("shows another user's new activity as it is logged, and announces it", async () => {
      const log = await liveLog();
      const other = (await kitClient().customers.list({ limit: 2, sort: '-name' })).items.find(
        (c) => c.id !== customer.id,
      )!;
      const elsewhere = await kitClient().activities.create({
        type: 'note',
        subject: '[test] elsewhere',
        customerId: other.id,
      });
      created.push(elsewhere.id);
      const activity = await kitClient(REP).activities.create({
        type: 'call',
        subject: '[test] Customer called back',
        direction: 'inbound',
        customerId: customer.id,
      });
      created.push(activity.id);
      await waitUntil(() => entry(log, activity.id), 'the new call did not appear', { timeout: 5000 });
      // In order: under today, after anything due later (tasks ahead sort first, newest first).
      const item = entry(log, activity.id)!;
      expect(text(item.closest('[part~="day"]')!.querySelector('.day-label'))).to.equal('Today');
      const all = parts(log, 'item');
      const later = all.slice(0, all.indexOf(item)).map((e) => log.activities.find((a) => a.id === e.dataset.id)!);
      expect(later.every((a) => a.occurredAt > activity.occurredAt)).to.equal(true);
      await waitUntil(() => status(log) === 'New call: [test] Customer called back.', status(log));
      expect(entry(log, elsewhere.id)).to.equal(null);

      // Changes and deletions by others follow too.
      await kitClient(REP).activities.update(
        activity.id,
        { subject: '[test] Customer called back twice' },
        { version: 1 },
      );
      await waitUntil(
        () =>
          text(entry(log, activity.id)?.querySelector('[part~="item-subject"]')) ===
          '[test] Customer called back twice',
      );
      await kitClient(REP).activities.remove(activity.id);
      await waitUntil(() => !entry(log, activity.id), 'the deleted call stayed');
    });

    it('does not show its own new entry twice', async () => {
      const log = await liveLog();
      // Listens to the log's own stream after the log: when this hears the change, so has the log.
      const heard = new Set<string>();
      const client = (log as unknown as { client: CrmClient }).client;
      const stop = changeStreamOf(client).subscribe({
        topics: [{ entity: 'activity' }],
        onChange: (change) => heard.add(change.id),
      });
      fill(log, 'subject', '[test] Logged here, heard back live');
      const fired = oneEvent(document, 'crm-activity-create');
      (part(log, 'submit-button') as HTMLButtonElement).click();
      const { activity } = ((await fired) as CrmActivityCreateEvent).detail;
      created.push(activity.id);
      await waitUntil(() => heard.has(activity.id), 'the stream did not deliver the change', { timeout: 5000 });
      stop();
      await log.updateComplete;
      expect(subjects(log).filter((s) => s === '[test] Logged here, heard back live')).to.have.length(1);
      // The live region is written on the next animation frame (so the same text twice is said twice).
      await waitUntil(
        () => status(log) === 'Call saved: [test] Logged here, heard back live.',
        `the save was not announced (live region: "${status(log)}")`,
      );
    });

    it('reconnects after the stream fails, and stops when removed from the page', async () => {
      const streams: Request[] = [];
      let failures = 1;
      const fetch: Fetch = async (request) => {
        if (new URL(request.url).pathname.endsWith('/events')) {
          streams.push(request);
          if (failures-- > 0) throw new TypeError('Failed to fetch');
        }
        return globalThis.fetch(request);
      };
      const log = await liveLog(fetch);
      expect(streams).to.have.length(2);
      expect(streams[1]!.headers.get('authorization')).to.equal(`Bearer ${tokenFor(ACME_ADMIN)}`);
      const activity = await kitClient(REP).activities.create({
        type: 'note',
        subject: '[test] after reconnect',
        customerId: customer.id,
      });
      created.push(activity.id);
      await waitUntil(() => entry(log, activity.id), 'nothing arrived after reconnecting', { timeout: 5000 });

      log.remove();
      expect(streams[1]!.signal.aborted).to.equal(true);
      expect(log.live).to.equal('stopped');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(streams).to.have.length(2);
    });
  });
});
