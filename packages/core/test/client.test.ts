import { describe, expect, it } from 'vitest';
import { ApiError, type ChangeMessage, createClient, type ClientOptions } from '../src/index.js';

/** A fetch that records every request and answers with the next of the given responses. */
function fakeFetch(...responses: (() => Response)[]) {
  const requests: Request[] = [];
  const bodies: (string | undefined)[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    bodies.push(request.body ? await request.text() : undefined);
    const next = responses.shift();
    return next ? next() : json({ ok: true });
  };
  return { fetch, requests, bodies };
}

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

function clientWith(fetch: ClientOptions['fetch'], options: Partial<ClientOptions> = {}) {
  return createClient({ baseUrl: 'https://crm.example/api/crm/', fetch, ...options });
}

const ID = '018f3c2e-0000-7000-8000-000000000001';

describe('typed client: URLs', () => {
  it('joins the base URL and the route, without doubled slashes', async () => {
    const { fetch, requests } = fakeFetch();
    const client = clientWith(fetch, { baseUrl: 'https://crm.example/api/crm///' });
    expect(client.baseUrl).toBe('https://crm.example/api/crm');
    await client.customers.get(ID);
    expect(requests[0]!.method).toBe('GET');
    expect(requests[0]!.url).toBe(`https://crm.example/api/crm/customers/${ID}`);
  });

  it('resolves a relative base URL against localhost outside a browser', async () => {
    const { fetch, requests } = fakeFetch();
    await createClient({ baseUrl: '/api/crm', fetch }).health();
    expect(requests[0]!.url).toBe('http://localhost/api/crm/health');
  });

  it('encodes ids as one path segment', async () => {
    const { fetch, requests } = fakeFetch();
    await clientWith(fetch).customers.get('../users/x?y=1#z');
    expect(new URL(requests[0]!.url).pathname).toBe('/api/crm/customers/..%2Fusers%2Fx%3Fy%3D1%23z');
  });

  it('names the route of every operation of a resource', async () => {
    const { fetch, requests } = fakeFetch();
    const client = clientWith(fetch);
    await client.opportunities.list();
    await client.opportunities.create({ name: 'Deal', customerId: ID, pipelineId: ID, stageId: ID, currency: 'USD' });
    await client.opportunities.update(ID, { amount: 1 });
    await client.opportunities.remove(ID);
    await client.opportunities.restore(ID);
    await client.opportunities.history(ID, { limit: 5 });
    await client.opportunities.move(ID, { stageId: ID });
    await client.customers.summary(ID);
    await client.boards.column(ID, ID, { limit: 10 });
    const base = 'https://crm.example/api/crm';
    expect(requests.map((r) => `${r.method} ${r.url.slice(base.length)}`)).toEqual([
      'GET /opportunities',
      'POST /opportunities',
      `PATCH /opportunities/${ID}`,
      `DELETE /opportunities/${ID}`,
      `POST /opportunities/${ID}/restore`,
      `GET /opportunities/${ID}/history?limit=5`,
      `POST /opportunities/${ID}/move`,
      `GET /customers/${ID}/summary`,
      `GET /pipelines/${ID}/board/stages/${ID}?limit=10`,
    ]);
  });
});

describe('typed client: query strings', () => {
  it('sends numbers and switches as text and leaves out empty values', async () => {
    const { fetch, requests } = fakeFetch();
    await clientWith(fetch).customers.list({
      limit: 20,
      trash: true,
      q: '',
      ownerId: undefined,
      region: null as never,
      sort: '-name',
    });
    const params = new URL(requests[0]!.url).searchParams;
    expect([...params]).toEqual([
      ['limit', '20'],
      ['trash', 'true'],
      ['sort', '-name'],
    ]);
  });

  it('encodes reserved and non-ASCII characters so each value arrives whole', async () => {
    const { fetch, requests } = fakeFetch();
    const q = 'a&b=c d+e/f?#客戶';
    await clientWith(fetch).search({ q, limit: 3 });
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe('/api/crm/search');
    expect(url.searchParams.get('q')).toBe(q);
    expect(url.searchParams.get('limit')).toBe('3');
    expect([...url.searchParams.keys()]).toEqual(['q', 'limit']);
    expect(url.hash).toBe('');
  });
});

describe('typed client: headers and bodies', () => {
  it('sends the version read as a quoted If-Match, and a raw ifMatch as given', async () => {
    const { fetch, requests } = fakeFetch();
    const client = clientWith(fetch);
    await client.customers.update(ID, { region: 'North' }, { version: 3 });
    await client.customers.remove(ID, { ifMatch: 'W/"7"' });
    await client.customers.update(ID, { region: 'South' });
    expect(requests.map((r) => r.headers.get('if-match'))).toEqual(['"3"', 'W/"7"', null]);
  });

  it('sends an Idempotency-Key only when asked', async () => {
    const { fetch, requests } = fakeFetch();
    const client = clientWith(fetch);
    await client.customers.create({ name: 'Acme' }, { idempotencyKey: 'key-1' });
    await client.customers.create({ name: 'Acme' });
    expect(requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['key-1', null]);
  });

  it('sends JSON bodies with their type, and none on a read', async () => {
    const { fetch, requests, bodies } = fakeFetch();
    const client = clientWith(fetch);
    await client.customers.create({ name: 'Acme', tags: ['vip'] });
    await client.customers.get(ID);
    expect(requests[0]!.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(bodies[0]!)).toEqual({ name: 'Acme', tags: ['vip'] });
    expect(requests[1]!.headers.get('content-type')).toBeNull();
    expect(bodies[1]).toBeUndefined();
    expect(requests.every((r) => r.headers.get('accept') === 'application/json')).toBe(true);
  });

  it('sends a bearer token (from a string or a function) without cookies, or cookies without one', async () => {
    const { fetch, requests } = fakeFetch();
    await clientWith(fetch, { token: 'abc' }).health();
    await clientWith(fetch, { token: async () => 'def' }).health();
    await clientWith(fetch).health();
    expect(requests.map((r) => r.headers.get('authorization'))).toEqual(['Bearer abc', 'Bearer def', null]);
    expect(requests.map((r) => r.credentials)).toEqual(['omit', 'omit', 'include']);
  });

  it('adds the configured headers to every request', async () => {
    const { fetch, requests } = fakeFetch();
    await clientWith(fetch, { headers: { 'x-tenant': 'acme' } }).customers.list();
    expect(requests[0]!.headers.get('x-tenant')).toBe('acme');
  });

  it('passes the abort signal on', async () => {
    const { fetch, requests } = fakeFetch();
    const controller = new AbortController();
    await clientWith(fetch).customers.get(ID, { signal: controller.signal });
    controller.abort();
    expect(requests[0]!.signal.aborted).toBe(true);
  });
});

describe('typed client: answers', () => {
  it('resolves with the parsed body, or undefined when there is none', async () => {
    const { fetch } = fakeFetch(
      () => json({ id: ID, name: 'Acme' }),
      () => new Response(null, { status: 204 }),
    );
    const client = clientWith(fetch);
    expect(await client.customers.get(ID)).toEqual({ id: ID, name: 'Acme' });
    expect(await client.request('DELETE', '/anything')).toBeUndefined();
  });

  it('rejects with an ApiError carrying the problem document', async () => {
    const problem = {
      type: 'https://crmkit.dev/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'The body has 1 invalid field.',
      errors: [{ path: 'name', code: 'required', message: 'Required' }],
    };
    const { fetch } = fakeFetch(() => json(problem, 400, 'application/problem+json'));
    const error = await clientWith(fetch)
      .customers.create({ name: '' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'ApiError', status: 400, message: problem.detail, problem });
  });

  it('uses the title as the message when the problem has no detail', async () => {
    const problem = { type: 'about:blank', title: 'Precondition Failed', status: 412 };
    const { fetch } = fakeFetch(() => json(problem, 412, 'application/problem+json'));
    const error = await clientWith(fetch)
      .customers.update(ID, {}, { version: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 412, message: 'Precondition Failed' });
  });

  it('turns an error without a problem document into an ApiError of its status', async () => {
    const { fetch } = fakeFetch(
      () => new Response(null, { status: 503, statusText: 'Service Unavailable' }),
      () => json({ message: 'not a problem' }, 500),
    );
    const client = clientWith(fetch);
    const empty = await client.health().catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(ApiError);
    expect((empty as ApiError).problem).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503 });
    const other = await client.health().catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 500, problem: { type: 'about:blank', status: 500 } });
  });

  it('turns an error page that is not JSON (a proxy in between) into an ApiError too', async () => {
    const { fetch } = fakeFetch(
      () => new Response('<html><body>Bad gateway</body></html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const error = await clientWith(fetch)
      .health()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, message: 'Bad Gateway' });
  });
});

describe('typed client: change stream', () => {
  function stream(...chunks: string[]): Response {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  }

  it('asks for /events and reports the open stream and each change, even split across chunks', async () => {
    const change: ChangeMessage = {
      eventId: '0192f1a0-0000-7000-8000-000000000001',
      entity: 'customer',
      id: ID,
      action: 'update',
      version: 2,
    };
    const text = `event: ready\ndata: {}\n\nevent: change\ndata: ${JSON.stringify(change)}\n\n: keep-alive\n\n`;
    const { fetch, requests } = fakeFetch(() => stream(text.slice(0, 30), text.slice(30, 61), text.slice(61)));
    const changes: ChangeMessage[] = [];
    let opened = 0;
    await clientWith(fetch, { token: 't' }).subscribe((c) => changes.push(c), { onOpen: () => opened++ });
    expect(requests[0]!.url).toBe('https://crm.example/api/crm/events');
    expect(requests[0]!.headers.get('accept')).toBe('text/event-stream');
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer t');
    expect(opened).toBe(1);
    expect(changes).toEqual([change]);
  });

  it('rejects with an ApiError when the stream is refused', async () => {
    const problem = { type: 'about:blank', title: 'Unauthorized', status: 401 };
    const { fetch } = fakeFetch(() => json(problem, 401, 'application/problem+json'));
    const error = await clientWith(fetch)
      .subscribe(() => {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, problem });
    const { fetch: proxy } = fakeFetch(() => new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    const page = await clientWith(proxy)
      .subscribe(() => {})
      .catch((e: unknown) => e);
    expect(page).toMatchObject({ name: 'ApiError', status: 502 });
  });
});
