import type { Activity, CrmClient } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import {
  ACME_ADMIN,
  BASE_URL,
  flakyFetch,
  FORMOSA_ADMIN,
  gatedFetch,
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
import { CrmActivityLog, parseTarget } from './activity-log.js';
import { dayHeading, daysFrom, duration, relativeTime } from './time.js';

const TOKEN = tokenFor(ACME_ADMIN);

function items(log: CrmActivityLog): HTMLElement[] {
  return parts(log, 'item');
}
function subjects(log: CrmActivityLog): string[] {
  return parts(log, 'item-subject').map(text);
}

/** Waits until the log has loaded (or failed) and every page it asked for has arrived. */
function settled(log: CrmActivityLog): Promise<void> {
  return settledOn(log, '[part~="skeleton"], .end[aria-busy="true"]', 'the log');
}

async function providedLog(
  target: string,
  { locale = 'en', email = ACME_ADMIN, pageSize = 25, filter = '', client = undefined as CrmClient | undefined } = {},
) {
  const provider = client
    ? await fixture(html`
        <crm-provider .client=${client} locale=${locale}>
          <crm-activity-log for=${target} page-size=${pageSize} filter=${filter} no-live></crm-activity-log>
        </crm-provider>
      `)
    : await fixture(html`
        <crm-provider base-url=${BASE_URL} token=${tokenFor(email)} locale=${locale}>
          <crm-activity-log for=${target} page-size=${pageSize} filter=${filter} no-live></crm-activity-log>
        </crm-provider>
      `);
  const log = provider.querySelector('crm-activity-log')!;
  await settled(log);
  return log;
}

/** Every activity of a record, newest first, as the kit lists them. */
async function activitiesOf(field: string, id: string, email = ACME_ADMIN): Promise<Activity[]> {
  const all: Activity[] = [];
  let cursor: string | undefined;
  do {
    const page = await kitClient(email).activities.list({ [field]: id, sort: '-occurredAt', limit: 200, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Planned after today: the timeline's "Upcoming". */
const planned = (a: Activity, now: Date) => daysFrom(a.occurredAt, now) > 0;

/** Activity as the kit lists it (newest first) in the order the timeline shows it: "Upcoming" soonest first, then the rest. */
function shown(activities: Activity[]): Activity[] {
  const now = new Date();
  return [...activities.filter((a) => planned(a, now)).reverse(), ...activities.filter((a) => !planned(a, now))];
}

describe('crm-activity-log', () => {
  /** A customer with a few calls, emails or meetings and an open follow-up task. */
  let customerId: string;
  let history: Activity[];
  const created: string[] = [];
  let todayCall: Activity;
  let yesterdayNote: Activity;
  let longNote: Activity;
  const LONG_BODY = `${'Talked through the rollout plan in detail. '.repeat(10)}The end.`;

  before(async () => {
    const tasks = await kitClient().activities.list({ type: 'task', open: true, limit: 50 });
    for (const task of tasks.items) {
      const all = await activitiesOf('customerId', task.customerId!);
      if (all.length >= 5 && all.some((a) => a.type === 'call') && all.some((a) => a.body === null)) {
        customerId = task.customerId!;
        history = all;
        break;
      }
    }
    expect(customerId, 'a sample customer with history and a task').to.be.a('string');

    // Entries of today and yesterday (for the day headings and relative times) and a long note.
    todayCall = await kitClient().activities.create({
      type: 'call',
      subject: 'Locale call',
      customerId,
      direction: 'outbound',
      durationSeconds: 900,
    });
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    yesterday.setHours(12, 0, 0, 0);
    yesterdayNote = await kitClient().activities.create({
      type: 'note',
      subject: 'Locale note',
      customerId,
      occurredAt: yesterday.toISOString(),
    });
    longNote = await kitClient().activities.create({
      type: 'note',
      subject: 'Long note',
      body: LONG_BODY,
      customerId,
      occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    });
    // Two tasks planned after today, the later one created first: "Upcoming" lists the sooner first.
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const laterTask = await kitClient().activities.create({
      type: 'task',
      subject: 'Send the contract',
      customerId,
      occurredAt: inDays(30),
      dueAt: inDays(30),
    });
    const soonerTask = await kitClient().activities.create({
      type: 'task',
      subject: 'Call back about pricing',
      customerId,
      occurredAt: inDays(2),
      dueAt: inDays(2),
    });
    created.push(todayCall.id, yesterdayNote.id, longNote.id, laterTask.id, soonerTask.id);
    history = await activitiesOf('customerId', customerId);
  });

  after(async () => {
    // Leave the shared sample as it was for the other test files.
    for (const id of created)
      await kitClient()
        .activities.remove(id)
        .catch(() => {});
  });

  describe('registration and target', () => {
    it('is defined once under its tag, and a second registration does not throw', async () => {
      expect(customElements.get('crm-activity-log')).to.equal(CrmActivityLog);
      const { define } = await import('../shared/define.js');
      expect(() => define('crm-activity-log', class extends HTMLElement {})).not.to.throw();
      expect(customElements.get('crm-activity-log')).to.equal(CrmActivityLog);
    });

    it('maps for="kind:id" to the API filter of each kind', () => {
      const id = unknownId();
      expect(parseTarget(`customer:${id}`)).to.deep.equal({ kind: 'customer', field: 'customerId', id });
      expect(parseTarget(`opportunity:${id}`)!.field).to.equal('opportunityId');
      expect(parseTarget(`lead:${id}`)!.field).to.equal('leadId');
      expect(parseTarget(`contact:${id}`)!.field).to.equal('contactId');
      expect(parseTarget(` case: ${id.toUpperCase()} `)!.id).to.equal(id);
      expect(parseTarget(`Case:${id.toUpperCase()}`)).to.deep.equal({ kind: 'case', field: 'caseId', id });
      expect(parseTarget('')).to.equal(null);
      expect(parseTarget(`order:${id}`)).to.equal(undefined);
      expect(parseTarget('customer:not-an-id')).to.equal(undefined);
    });
  });

  describe('loaded', () => {
    it('lists what is planned after today under "Upcoming", soonest first, then the rest newest first by day', async () => {
      const log = await providedLog(`customer:${customerId}`);
      const now = new Date();
      const upcoming = history.filter((a) => planned(a, now)).reverse();
      const past = history.filter((a) => !planned(a, now));
      expect(upcoming.length, 'planned activity in the sample').to.be.at.least(2);
      expect(subjects(log)).to.deep.equal(shown(history).map((a) => a.subject));
      expect(log.activities.map((a) => a.id)).to.deep.equal(history.map((a) => a.id));

      const [next, ...days] = parts(log, 'day');
      expect(text(next!.querySelector('[part~="day-heading"] .day-label'))).to.equal('Upcoming');
      expect(next!.querySelector('[part~="day-heading"]')!.getAttribute('aria-level')).to.equal('4');
      // Under one heading for all days to come, each entry shows its own day.
      for (const [i, item] of [...next!.querySelectorAll<HTMLElement>('[part~="item"]')].entries()) {
        expect(item.dataset.id).to.equal(upcoming[i]!.id);
        const day = new Date(upcoming[i]!.occurredAt).toLocaleDateString('en', { month: 'short', day: 'numeric' });
        expect(text(item.querySelector('[part~="item-time"]'))).to.contain(day);
      }
      const expectedDays = [...new Set(past.map((a) => new Date(a.occurredAt).toDateString()))];
      expect(days).to.have.length(expectedDays.length);
      for (const day of days) {
        const heading = day.querySelector('[part~="day-heading"]')!;
        expect(heading.getAttribute('role')).to.equal('heading');
        expect(heading.getAttribute('aria-level')).to.equal('4');
        const first = history.find((a) => a.id === day.querySelector<HTMLElement>('[part~="item"]')!.dataset.id)!;
        expect(text(heading.querySelector('.day-label'))).to.equal(dayHeading('en', first.occurredAt, now).label);
        // Every entry under the heading is of that day.
        for (const item of day.querySelectorAll<HTMLElement>('[part~="item"]')) {
          const activity = history.find((a) => a.id === item.dataset.id)!;
          expect(new Date(activity.occurredAt).toDateString()).to.equal(new Date(first.occurredAt).toDateString());
        }
      }
      expect(text(part(log, 'heading'))).to.equal('Activity');
      expect(part(log, 'heading')!.getAttribute('aria-level')).to.equal('3');
      expect(text(log.shadowRoot!.querySelector('.end'))).to.equal('That is all the activity.');
    });

    it('shows type, direction, duration, outcome and owner of a call, and its time', async () => {
      const log = await providedLog(`customer:${customerId}`);
      const call = history.find((a) => a.type === 'call' && a.durationSeconds && a.outcome && a.ownerId)!;
      const owner = await kitClient().users.get(call.ownerId!);
      const item = log.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${call.id}"]`)!;
      expect(item.dataset.type).to.equal('call');
      await waitUntil(() => text(item.querySelector('[part~="item-meta"]')).includes(owner.name), 'no owner');
      const meta = text(item.querySelector('[part~="item-meta"]'));
      const outcome = { connected: 'Connected', left_voicemail: 'Left voicemail', no_answer: 'No answer' }[
        call.outcome as 'connected'
      ];
      const direction = call.direction === 'inbound' ? 'Inbound' : 'Outbound';
      expect(meta).to.equal(
        ['Call', direction, duration('en', call.durationSeconds!), outcome, `by ${owner.name}`].join(', '),
      );
      expect(duration('en', 300)).to.equal('5 min');
      expect(duration('en', 5400)).to.equal('1 hr 30 min');
      const time = item.querySelector('time')!;
      expect(time.dateTime).to.equal(call.occurredAt);
      expect(time.title).to.contain(String(new Date(call.occurredAt).getFullYear()));
      expect(item.getAttribute('aria-labelledby')).to.equal(`subject-${call.id}`);
    });

    it('describes each entry to screen readers with its whole date and time, then its details', async () => {
      const log = await providedLog(`customer:${customerId}`);
      const call = history.find((a) => a.type === 'call' && a.ownerId)!;
      const item = log.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${call.id}"]`)!;
      // The description as a screen reader computes it: the referenced elements' text, in order,
      // hidden ones included.
      const description = () =>
        item
          .getAttribute('aria-describedby')!
          .split(' ')
          .map((id) => text(log.shadowRoot!.getElementById(id)))
          .join(' ');
      const whole = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short' }).format(
        new Date(call.occurredAt),
      );
      // The visible time leaves the day to the day's heading, which a reader moving by entry skips.
      expect(text(item.querySelector('time'))).not.to.contain(String(new Date(call.occurredAt).getFullYear()));
      expect(description()).to.equal(
        `${whole.replace(/\s+/g, ' ')} ${text(item.querySelector('[part~="item-meta"]'))}`,
      );
    });

    it('shows an open task with its checkbox and when it is due', async () => {
      const log = await providedLog(`customer:${customerId}`);
      const task = history.find((a) => a.type === 'task' && !a.doneAt)!;
      const item = log.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${task.id}"]`)!;
      const toggle = item.querySelector<HTMLInputElement>('[part~="task-toggle"]')!;
      expect(toggle.type).to.equal('checkbox');
      expect(toggle.checked).to.equal(false);
      expect(toggle.getAttribute('aria-label')).to.equal(`Done: ${task.subject}`);
      expect(text(item.querySelector('[part~="item-meta"]'))).to.contain(
        `Due ${relativeTime('en', task.dueAt!, new Date())}`,
      );
    });

    it('shows long notes cut, with a button that shows them whole', async () => {
      const body = LONG_BODY;
      const note = longNote;
      const log = await providedLog(`customer:${customerId}`);
      const item = log.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${note.id}"]`)!;
      const shown = item.querySelector('[part~="item-body"]')!;
      expect(shown.textContent!.length).to.be.lessThan(body.length);
      expect(shown.textContent).to.match(/…$/);
      const more = item.querySelector<HTMLButtonElement>('.link-button')!;
      expect(more.getAttribute('aria-expanded')).to.equal('false');
      expect(more.getAttribute('aria-controls')).to.equal(shown.id);
      more.click();
      await log.updateComplete;
      expect(item.querySelector('[part~="item-body"]')!.textContent).to.equal(body);
      expect(text(more)).to.equal('Show less');
      expect(more.getAttribute('aria-expanded')).to.equal('true');
    });
  });

  describe('states', () => {
    it('shows a busy skeleton until the kit answers, then the entries', async () => {
      const gate = gatedFetch();
      const log = await fixture<CrmActivityLog>(html`
        <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
          <crm-activity-log for="customer:${customerId}" no-live></crm-activity-log>
        </crm-provider>
      `).then((provider) => provider.querySelector('crm-activity-log')!);
      await log.updateComplete;
      const skeleton = part(log, 'skeleton')!;
      expect(skeleton.getAttribute('aria-busy')).to.equal('true');
      expect(text(skeleton)).to.equal('Loading activity…');
      // The first load of a page is not announced.
      expect(status(log)).to.equal('');
      await expect(log).to.be.accessible();

      gate.release();
      await settled(log);
      expect(subjects(log)).to.deep.equal(shown(history).map((a) => a.subject));
      const list = new URL(gate.requests[0]!.url);
      expect(list.pathname).to.equal(`${BASE_URL}/activities`);
      expect(list.searchParams.get('customerId')).to.equal(customerId);
      expect(list.searchParams.get('sort')).to.equal('-occurredAt');
      expect(list.searchParams.get('limit')).to.equal('25');
    });

    it('shows the empty state for a record without activity, with slotted content if given', async () => {
      const [lead] = (await kitClient().leads.list({ limit: 1 })).items;
      const log = await providedLog(`lead:${lead!.id}`);
      expect(text(part(log, 'empty'))).to.equal(
        'No activity yet. Log a call, email, meeting or note above, or schedule a task.',
      );
      expect(part(log, 'composer')).not.to.equal(null);
      await expect(log).to.be.accessible();

      const custom = await fixture<CrmActivityLog>(html`
        <crm-activity-log base-url=${BASE_URL} token=${TOKEN} for="lead:${lead!.id}" no-live>
          <p slot="empty" id="none">Nothing logged for this lead.</p>
        </crm-activity-log>
      `);
      await settled(custom);
      const slot = part(custom, 'empty')!.querySelector('slot')!;
      expect(slot.assignedElements()).to.deep.equal([custom.querySelector('#none')]);
    });

    it('explains a network failure, retries on request and moves focus to the first entry', async () => {
      const log = await providedLog(`customer:${customerId}`, { client: kitClient(ACME_ADMIN, flakyFetch(1).fetch) });
      const error = part(log, 'error')!;
      expect(text(error.querySelector('.error-message'))).to.equal('Could not reach the server.');
      expect(text(error.querySelector('.error-detail'))).to.equal('Check your connection and try again.');
      await waitUntil(() => status(log) === 'Could not reach the server.');
      await expect(log).to.be.accessible();

      const retry = part(log, 'retry-button')!;
      retry.focus();
      retry.click();
      await log.updateComplete;
      await settled(log);
      expect(subjects(log)).to.have.length(history.length);
      expect(log.shadowRoot!.activeElement).to.equal(items(log)[0]);
      await waitUntil(() => status(log) === `${history.length} entries shown.`, status(log));
    });

    it('asks to sign in on a 401, and loads once a valid token is set', async () => {
      const log = await fixture<CrmActivityLog>(html`
        <crm-activity-log base-url=${BASE_URL} token="test:nobody@nowhere.test" for="customer:${customerId}" no-live>
        </crm-activity-log>
      `);
      await settled(log);
      expect(text(part(log, 'error'))).to.contain('Sign in to see this activity.');
      log.token = TOKEN;
      await log.updateComplete;
      await log.updateComplete;
      await settled(log);
      expect(subjects(log)).to.have.length(history.length);
    });

    it("shows nothing of another organization's record", async () => {
      const log = await providedLog(`customer:${customerId}`, { email: FORMOSA_ADMIN });
      expect(part(log, 'empty')).not.to.equal(null);
      expect(items(log)).to.have.length(0);
    });

    it('says what is missing without a record, with a malformed one, or without a kit', async () => {
      const none = await fixture<CrmActivityLog>(html`<crm-activity-log base-url=${BASE_URL}></crm-activity-log>`);
      // In a rep's words, not the attribute's syntax.
      expect(text(part(none, 'empty'))).to.equal(
        'No record selected. Choose a customer, deal or lead to see its activity.',
      );
      expect(part(none, 'composer')).to.equal(null);

      const bad = await fixture<CrmActivityLog>(
        html`<crm-activity-log base-url=${BASE_URL} for="customer:42"></crm-activity-log>`,
      );
      expect(text(part(bad, 'error'))).to.contain('does not name a record');
      expect(part(bad, 'retry-button')).to.equal(null);

      const unconfigured = await fixture<CrmActivityLog>(
        html`<crm-activity-log for="customer:${customerId}"></crm-activity-log>`,
      );
      expect(text(part(unconfigured, 'error'))).to.contain('Not connected to crmkit');
    });

    it('hides the composer and task checkboxes when read-only', async () => {
      const log = await fixture<CrmActivityLog>(html`
        <crm-activity-log base-url=${BASE_URL} token=${TOKEN} for="customer:${customerId}" readonly no-live>
        </crm-activity-log>
      `);
      await settled(log);
      expect(part(log, 'composer')).to.equal(null);
      expect(part(log, 'task-toggle')).to.equal(null);
      expect(items(log)).to.have.length(history.length);
    });
  });

  describe('filter', () => {
    it('lists one type through the API and back to all', async () => {
      const gate = gatedFetch();
      gate.release();
      const log = await providedLog(`customer:${customerId}`, { client: kitClient(ACME_ADMIN, gate.fetch) });
      const select = part(log, 'filter') as HTMLSelectElement;
      expect(select.tagName).to.equal('SELECT');
      expect(text(log.shadowRoot!.querySelector('label[for="filter"]'))).to.equal('Show');
      expect([...select.options].map((o) => o.text.trim())).to.deep.equal([
        'All activity',
        'Calls',
        'Emails',
        'Meetings',
        'Notes',
        'Tasks',
      ]);

      select.value = 'call';
      select.dispatchEvent(new Event('change'));
      await log.updateComplete;
      await settled(log);
      expect(log.filter).to.equal('call');
      expect(log.getAttribute('filter')).to.equal('call');
      const calls = history.filter((a) => a.type === 'call');
      expect(subjects(log)).to.deep.equal(calls.map((a) => a.subject));
      expect(items(log).every((item) => item.dataset.type === 'call')).to.equal(true);
      const last = new URL(gate.requests.filter((r) => r.url.includes('/activities?')).at(-1)!.url);
      expect(last.searchParams.get('type')).to.equal('call');
      await waitUntil(() => status(log) === `${calls.length} ${calls.length === 1 ? 'entry' : 'entries'} shown.`);

      log.filter = '';
      await log.updateComplete;
      await settled(log);
      expect(items(log)).to.have.length(history.length);

      // Looking at one type, the composer offers to log that type (it has nothing typed in it).
      select.value = 'meeting';
      select.dispatchEvent(new Event('change'));
      await log.updateComplete;
      expect(log.shadowRoot!.querySelector<HTMLInputElement>('input[name="type"]:checked')!.value).to.equal('meeting');
      await settled(log);
    });

    it('says when a type has nothing yet', async () => {
      const [lead] = (await kitClient().leads.list({ limit: 1 })).items;
      const log = await providedLog(`lead:${lead!.id}`, { filter: 'meeting' });
      expect(text(part(log, 'empty'))).to.contain('No meetings yet.');
    });
  });

  describe('paging', () => {
    it('loads older entries with the cursor when the end scrolls into view, without repeats', async () => {
      const gate = gatedFetch();
      gate.release();
      const wrapper = await fixture(html`
        <div style="--crm-activity-log-max-height: 9rem">
          <crm-provider .client=${kitClient(ACME_ADMIN, gate.fetch)}>
            <crm-activity-log for="customer:${customerId}" page-size="2" readonly no-live></crm-activity-log>
          </crm-provider>
        </div>
      `);
      const log = wrapper.querySelector('crm-activity-log')!;
      await settled(log);
      const timeline = part(log, 'timeline')!;
      expect(timeline.scrollHeight).to.be.greaterThan(timeline.clientHeight);
      expect(items(log)).to.have.length(2);
      expect(text(part(log, 'load-more'))).to.equal('Show older activity');

      // Scrolling to the end loads the next pages, one at a time, each after the last.
      while (items(log).length < history.length) {
        const before = items(log).length;
        timeline.scrollTop = timeline.scrollHeight;
        await waitUntil(() => items(log).length > before, 'scrolling did not load more');
        await settled(log);
      }
      expect(subjects(log)).to.deep.equal(shown(history).map((a) => a.subject));
      const lists = gate.requests.filter((r) => new URL(r.url).pathname.endsWith('/activities'));
      expect(lists).to.have.length(Math.ceil(history.length / 2));
      expect(new URL(lists[0]!.url).searchParams.get('cursor')).to.equal(null);
      expect(new URL(lists[1]!.url).searchParams.get('cursor')).to.be.a('string');
      await waitUntil(() => text(log.shadowRoot!.querySelector('.end')) === 'That is all the activity.');
    });

    it('loads more with the button too, and offers a retry when that fails', async () => {
      let failNext = false;
      const fetch = async (request: Request) => {
        if (failNext && new URL(request.url).searchParams.has('cursor')) {
          failNext = false;
          throw new TypeError('Failed to fetch');
        }
        return globalThis.fetch(request);
      };
      const wrapper = await fixture(html`
        <div style="--crm-activity-log-max-height: 6rem">
          <crm-provider .client=${kitClient(ACME_ADMIN, fetch)}>
            <crm-activity-log for="customer:${customerId}" page-size="1" readonly no-live></crm-activity-log>
          </crm-provider>
        </div>
      `);
      const log = wrapper.querySelector('crm-activity-log')!;
      await settled(log);
      failNext = true;
      part(log, 'load-more')!.click();
      await waitUntil(() => text(log.shadowRoot!.querySelector('.end')).includes('Could not load older activity.'));
      await waitUntil(() => status(log) === 'Could not load older activity.');
      part(log, 'load-more')!.click();
      await waitUntil(() => items(log).length === 2, 'the retry did not load');
      await waitUntil(() => status(log) === '1 more entry loaded.');
    });
  });

  describe('locales', () => {
    const expected = {
      en: { title: 'Activity', today: 'Today', yesterday: 'Yesterday', now: 'now', call: 'Call', filter: 'Show' },
      'zh-Hant': { title: '活動紀錄', today: '今天', yesterday: '昨天', now: '現在', call: '通話', filter: '顯示' },
      'zh-Hans': { title: '活动记录', today: '今天', yesterday: '昨天', now: '现在', call: '通话', filter: '显示' },
    } as const;

    for (const [locale, strings] of Object.entries(expected)) {
      it(`speaks ${locale}: day headings, relative times, labels and units`, async () => {
        const log = await providedLog(`customer:${customerId}`, { locale });
        expect(log.shadowRoot!.querySelector('.root')!.getAttribute('lang')).to.equal(locale);
        expect(text(part(log, 'heading'))).to.equal(strings.title);
        expect(text(log.shadowRoot!.querySelector('label[for="filter"]'))).to.equal(strings.filter);
        const headings = parts(log, 'day-heading').map((h) => text(h.querySelector('.day-label')));
        expect(headings).to.include(strings.today);
        expect(headings).to.include(strings.yesterday);
        const today = parts(log, 'day-heading').find((h) => text(h.querySelector('.day-label')) === strings.today)!;
        const date = new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric' }).format(
          new Date(),
        );
        expect(text(today.querySelector('.day-date'))).to.equal(date);

        const call = log.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${todayCall.id}"]`)!;
        // "now" while it is under 45 seconds old, then "1 minute ago" and so on.
        const said = text(call.querySelector('time'));
        const seconds = (Date.now() - Date.parse(todayCall.occurredAt)) / 1000;
        if (seconds < 40) expect(said).to.equal(strings.now);
        else expect(said).to.equal(relativeTime(locale as 'en', todayCall.occurredAt, new Date()));
        const meta = text(call.querySelector('[part~="item-meta"]'));
        expect(meta.startsWith(strings.call)).to.equal(true);
        expect(meta).to.contain(
          new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(15),
        );
        // Older entries show their time of day in the locale's style.
        const note = log.shadowRoot!.querySelector<HTMLElement>(`[part~="item"][data-id="${yesterdayNote.id}"]`)!;
        expect(text(note.querySelector('time'))).to.equal(
          new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(new Date(yesterdayNote.occurredAt)),
        );
        const submit = part(log, 'submit-button')!;
        expect(text(submit)).to.equal({ en: 'Log call', 'zh-Hant': '記錄通話', 'zh-Hans': '记录通话' }[locale]);
      });
    }

    it("follows the page's lang when no locale is set", async () => {
      const root = document.documentElement;
      const before = root.lang;
      root.lang = 'zh-TW';
      try {
        const log = await fixture<CrmActivityLog>(html`
          <crm-activity-log base-url=${BASE_URL} token=${TOKEN} for="customer:${customerId}" no-live></crm-activity-log>
        `);
        await settled(log);
        expect(text(part(log, 'heading'))).to.equal('活動紀錄');
        root.lang = 'zh-CN';
        await waitUntil(() => text(part(log, 'heading')) === '活动记录', 'did not follow lang');
      } finally {
        root.lang = before;
      }
    });
  });

  describe('composer', () => {
    it('keeps every type where it is when another is chosen', async () => {
      const log = await providedLog(`customer:${customerId}`);
      const options = parts(log, 'type-option');
      const boxes = () => options.map((option) => option.getBoundingClientRect());
      const before = boxes();
      for (const option of options) {
        option.querySelector('input')!.click();
        await log.updateComplete;
        expect(getComputedStyle(option).fontWeight).to.equal('600');
        // The chosen one turns bold without growing, so the others do not move.
        boxes().forEach((box, i) => {
          expect(box.left, `type ${i}`).to.be.closeTo(before[i]!.left, 0.5);
          expect(box.width, `type ${i}`).to.be.closeTo(before[i]!.width, 0.5);
        });
      }
    });
  });

  describe('keyboard', () => {
    it('reaches the filter, the composer and one entry with Tab; arrows, Home and End move between entries', async () => {
      const wrapper = await fixture(html`
        <div>
          <button id="before">before</button>
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-activity-log for="customer:${customerId}" no-live></crm-activity-log>
          </crm-provider>
          <button id="after">after</button>
        </div>
      `);
      const log = wrapper.querySelector('crm-activity-log')!;
      await settled(log);
      const root = log.shadowRoot!;
      wrapper.querySelector<HTMLButtonElement>('#before')!.focus();

      await sendKeys({ press: 'Tab' });
      expect(root.activeElement).to.equal(part(log, 'filter'));
      await sendKeys({ press: 'Tab' });
      expect((root.activeElement as HTMLInputElement).name).to.equal('type');
      expect((root.activeElement as HTMLInputElement).value).to.equal('call');
      // Arrow keys choose the type, as in any radio group.
      await sendKeys({ press: 'ArrowRight' });
      expect((root.activeElement as HTMLInputElement).value).to.equal('email');
      await log.updateComplete;
      expect(text(part(log, 'submit-button'))).to.equal('Log email');
      await sendKeys({ press: 'Tab' });
      expect(root.activeElement).to.equal(root.querySelector('#subject'));

      // Tab on through the composer to the submit button, then to the first entry.
      for (let i = 0; i < 10 && root.activeElement !== part(log, 'submit-button'); i++)
        await sendKeys({ press: 'Tab' });
      expect(root.activeElement).to.equal(part(log, 'submit-button'));
      await sendKeys({ press: 'Tab' });
      const entries = items(log);
      expect(root.activeElement).to.equal(entries[0]);

      await sendKeys({ press: 'ArrowDown' });
      expect(root.activeElement).to.equal(entries[1]);
      await sendKeys({ press: 'End' });
      expect(root.activeElement).to.equal(entries.at(-1));
      await sendKeys({ press: 'ArrowDown' });
      expect(root.activeElement).to.equal(entries.at(-1));
      await sendKeys({ press: 'Home' });
      expect(root.activeElement).to.equal(entries[0]);
      await sendKeys({ press: 'ArrowDown' });
      await log.updateComplete;
      // Only one entry is in the tab order: the one last focused.
      expect(entries.map((e) => e.tabIndex)).to.deep.equal(entries.map((_, i) => (i === 1 ? 0 : -1)));

      // A task's checkbox is reachable with Tab from its entry.
      const taskEntry = entries.find((e) => e.dataset.type === 'task' && e.querySelector('[part~="task-toggle"]'))!;
      taskEntry.focus();
      await sendKeys({ press: 'Tab' });
      expect(root.activeElement).to.equal(taskEntry.querySelector('[part~="task-toggle"]'));
    });

    it('loads the next page when the arrow goes past the last entry, and moves into it', async () => {
      const wrapper = await fixture(html`
        <div style="--crm-activity-log-max-height: 7rem">
          <crm-provider base-url=${BASE_URL} token=${TOKEN}>
            <crm-activity-log for="customer:${customerId}" page-size="2" readonly no-live></crm-activity-log>
          </crm-provider>
        </div>
      `);
      const log = wrapper.querySelector('crm-activity-log')!;
      await settled(log);
      const count = items(log).length;
      expect(count).to.be.lessThan(history.length);
      items(log).at(-1)!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => items(log).length > count, 'did not load more');
      await settled(log);
      await waitUntil(() => log.shadowRoot!.activeElement === items(log)[count], 'focus did not move on');
    });
  });

  describe('accessibility', () => {
    for (const scheme of ['light', 'dark'] as const) {
      it(`passes axe in ${scheme}, loaded and with composer errors`, async () => {
        await emulateMedia({ colorScheme: scheme });
        try {
          const wrapper = await fixture(html`
            <div style="color-scheme: light dark; background: Canvas; color: CanvasText; padding: 1rem">
              <crm-provider base-url=${BASE_URL} token=${TOKEN}>
                <crm-activity-log for="customer:${customerId}" no-live></crm-activity-log>
              </crm-provider>
            </div>
          `);
          const log = wrapper.querySelector('crm-activity-log')!;
          await settled(log);
          expect(getComputedStyle(log).colorScheme).to.contain(scheme === 'dark' ? 'dark' : 'light');
          await expect(wrapper).to.be.accessible();
          log.shadowRoot!.querySelector('form')!.requestSubmit();
          await waitUntil(() => part(log, 'field-error'));
          await expect(wrapper).to.be.accessible();
        } finally {
          await emulateMedia({ colorScheme: 'light' });
        }
      });
    }

    it('passes axe with theme="dark" forced on the element', async () => {
      const log = await fixture<CrmActivityLog>(html`
        <crm-activity-log base-url=${BASE_URL} token=${TOKEN} for="customer:${customerId}" theme="dark" no-live>
        </crm-activity-log>
      `);
      await settled(log);
      expect(getComputedStyle(log).colorScheme).to.equal('dark');
      await expect(log).to.be.accessible();
    });
  });
});
