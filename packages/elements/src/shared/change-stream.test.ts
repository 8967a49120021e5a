// The one change stream: a connection per provider shared by its elements, the event-stream format
// as the standard has it, and reconnecting. Against the real kit, except where the kit does not send
// what is tested (ids, CRLF, `retry:`): there a scripted stream stands in for its first answer.
import type { ChangeMessage } from '@crmkit/core';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ACME_ADMIN, BASE_URL, findCustomer, kitClient, tokenFor } from '../../test/kit.js';
import '../index.js';
import { ChangeStream, changeStreamOf } from './change-stream.js';

type Fetch = (request: Request) => Promise<Response>;

/** A fetch to the kit that records the requests to `/events`, and answers the first `scripted` of them itself. */
function eventsFetch(scripted: string[] = []) {
  const streams: Request[] = [];
  const fetch: Fetch = async (request) => {
    if (!new URL(request.url).pathname.endsWith('/events')) return globalThis.fetch(request);
    streams.push(request);
    const text = scripted.shift();
    if (text === undefined) return globalThis.fetch(request);
    return new Response(new Blob([text]).stream(), { headers: { 'content-type': 'text/event-stream' } });
  };
  return { fetch, streams };
}

const activityTopic = [{ entity: 'activity' }];

describe('change stream', () => {
  it('is one connection per provider, shared by every element inside that follows changes', async () => {
    const { fetch, streams } = eventsFetch();
    const client = kitClient(ACME_ADMIN, fetch);
    const customer = await findCustomer('Northwind');
    const provider = await fixture(html`
      <crm-provider .client=${client} locale="en">
        <crm-activity-log for="customer:${customer.id}"></crm-activity-log>
        <crm-activity-log for="customer:${customer.id}" filter="note"></crm-activity-log>
        <crm-pipeline-board></crm-pipeline-board>
        <crm-funnel-chart></crm-funnel-chart>
      </crm-provider>
    `);
    const [first, second] = provider.querySelectorAll('crm-activity-log');
    await waitUntil(() => first!.live === 'open' && second!.live === 'open', 'the stream did not open', {
      timeout: 8000,
    });
    expect(streams).to.have.length(1);
    expect(streams[0]!.headers.get('authorization')).to.equal(`Bearer ${tokenFor(ACME_ADMIN)}`);

    // Both logs hear a change through it.
    const note = await kitClient().activities.create({
      type: 'note',
      subject: '[test] heard by both',
      customerId: customer.id,
    });
    try {
      const shows = (log: Element) => log.shadowRoot!.querySelector(`[data-id="${note.id}"]`);
      await waitUntil(() => shows(first!) && shows(second!), 'a log did not hear the change', { timeout: 5000 });
      expect(streams).to.have.length(1);
    } finally {
      await kitClient().activities.remove(note.id);
    }

    // The connection closes with the last element that follows it.
    provider.replaceChildren();
    expect(streams[0]!.signal.aborted).to.equal(true);
    expect(changeStreamOf(client).state).to.equal('stopped');
  });

  it('is opened by an element outside a provider for itself, from its base-url and token', async () => {
    const customer = await findCustomer('Northwind');
    const log = await fixture<HTMLElementTagNameMap['crm-activity-log']>(html`
      <crm-activity-log base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} for="customer:${customer.id}">
      </crm-activity-log>
    `);
    await waitUntil(() => log.live === 'open', 'the stream did not open', { timeout: 8000 });
    const note = await kitClient().activities.create({
      type: 'note',
      subject: '[test] alone',
      customerId: customer.id,
    });
    try {
      await waitUntil(() => log.shadowRoot!.querySelector(`[data-id="${note.id}"]`), 'no change', { timeout: 5000 });
    } finally {
      await kitClient().activities.remove(note.id);
    }
    log.remove();
    expect(log.live).to.equal('stopped');
  });

  it('parses CRLF line ends, several data lines and comments, and reconnects with Last-Event-ID', async () => {
    // The first answer: a comment, `retry:` (so the test need not wait a second), an id, and a
    // change whose JSON is split over two `data:` lines, all with CRLF; then it ends.
    const first = [
      ': a comment\r\n',
      'retry: 20\r\n\r\n',
      'id: 41\r\nevent: ready\r\ndata: {}\r\n\r\n',
      'event: change\r\nid: 42\r\ndata: {"entity":"activity","id":"a1",\r\ndata: "action":"update","version":3}\r\n\r\n',
      'event: change\r\ndata: {"entity":"customer","id":"c1","action":"update","version":1}\r\n\r\n',
    ].join('');
    const { fetch, streams } = eventsFetch([first]);
    const stream = new ChangeStream(kitClient(ACME_ADMIN, fetch));
    const changes: ChangeMessage[] = [];
    const opens: boolean[] = [];
    const stop = stream.subscribe({
      topics: activityTopic,
      onChange: (change) => changes.push(change),
      onOpen: (reconnected) => opens.push(reconnected),
    });
    try {
      // The scripted stream ends; the second connection reaches the kit and opens.
      await waitUntil(() => opens.length === 2, 'did not reconnect', { timeout: 5000 });
      expect(changes).to.deep.equal([{ entity: 'activity', id: 'a1', action: 'update', version: 3 }]);
      expect(opens).to.deep.equal([false, true]);
      expect(streams).to.have.length(2);
      expect(streams[0]!.headers.get('last-event-id')).to.equal(null);
      expect(streams[1]!.headers.get('last-event-id')).to.equal('42');
      expect(stream.state).to.equal('open');
    } finally {
      stop();
    }
    expect(streams[1]!.signal.aborted).to.equal(true);
  });

  it('hears only the records it subscribed to', async () => {
    const text = [
      'event: ready\ndata: {}\n\n',
      'event: change\ndata: {"entity":"activity","id":"a1","action":"update","version":2}\n\n',
      'event: change\ndata: {"entity":"activity","id":"a2","action":"update","version":2}\n\n',
      'event: change\ndata: not json\n\n',
    ].join('');
    const { fetch } = eventsFetch([text]);
    const stream = new ChangeStream(kitClient(ACME_ADMIN, fetch));
    const one: string[] = [];
    const all: string[] = [];
    const stops = [
      stream.subscribe({ topics: [{ entity: 'activity', id: 'a2' }], onChange: (c) => one.push(c.id) }),
      stream.subscribe({ topics: activityTopic, onChange: (c) => all.push(c.id) }),
    ];
    try {
      await waitUntil(() => all.length === 2, 'no changes');
      expect(one).to.deep.equal(['a2']);
      expect(all).to.deep.equal(['a1', 'a2']);
    } finally {
      stops.forEach((stop) => stop());
    }
  });

  it('stops for good when the kit refuses the caller', async () => {
    const { fetch, streams } = eventsFetch();
    const stream = new ChangeStream(kitClient('nobody@nowhere.test', fetch));
    const stop = stream.subscribe({ topics: activityTopic, onChange: () => {} });
    try {
      await waitUntil(() => stream.state === 'stopped', 'did not stop');
      expect(streams).to.have.length(1);
    } finally {
      stop();
    }
  });
});
