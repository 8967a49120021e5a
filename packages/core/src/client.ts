import type { Capabilities } from './schemas/capabilities.js';
import type {
  Board,
  BoardColumn,
  BoardColumnQuery,
  BoardQuery,
  Funnel,
  FunnelQuery,
  OpportunityMove,
} from './schemas/board.js';
import type { HistoryEntry, Page, Problem } from './schemas/common.js';
import type { Contact, Customer, CustomerSummary } from './schemas/customer.js';
import type { Forecast, ForecastQuery } from './schemas/forecast.js';
import type { WinRates, WinRatesQuery } from './schemas/win-rates.js';
import type { ContactMerge, CustomerMerge, LeadMerge, MergeResult } from './schemas/merge.js';
import type {
  Lead,
  LeadConversion,
  LeadConvert,
  LeadCustomerMatches,
  LeadQueues,
  LeadQueuesQuery,
  Opportunity,
  OpportunityContactPut,
  OpportunityContacts,
} from './schemas/sales.js';
import type { Organization } from './schemas/organization.js';
import type { SearchQuery, SearchResults } from './schemas/search.js';
import type { CaseQueues, CaseQueuesQuery } from './schemas/service.js';
import type { CustomerSegments, SegmentCount, SegmentCountRequest } from './schemas/segment.js';
import type { CampaignReport, CampaignReportQuery } from './schemas/campaign-report.js';
import type { CustomerReport, CustomerReportQuery } from './schemas/customer-report.js';
import type { PerformanceReport, PerformanceReportQuery } from './schemas/performance-report.js';
import type { MarketReport, MarketReportQuery } from './schemas/market-report.js';
import type { LeadSubmission, LeadSubmissionResult, PublicLeadForm } from './schemas/lead-capture.js';
import type { ResourceName, ResourceTypes } from './resources.js';

/** A change announced on `/events`: refetch the record to see it. */
export interface ChangeMessage {
  /** The change's id: the same as the `webhook-id` of its webhooks. */
  eventId: string;
  entity: string;
  id: string;
  action: 'create' | 'update' | 'delete' | 'restore';
  version: number;
}

/** An error answer from the kit, carrying its RFC 9457 problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }
}

export interface ClientOptions {
  /** Where the kit is mounted, e.g. `/api/crm` or `https://crm.example.com/api/crm`. */
  baseUrl: string;
  /** A bearer token (an embed token or API key). Without it the browser's cookies are sent. */
  token?: string | (() => string | Promise<string>);
  /** The fetch to use; defaults to the global one. Tests and stories pass an in-process app's. */
  fetch?: (input: Request) => Response | Promise<Response>;
  /** Headers added to every request. */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** The version you read: a write on a record changed since then fails with 412 and changes nothing. */
  version?: number;
  /** A raw `If-Match` header; `version` is the simpler way. */
  ifMatch?: string;
  /** Makes a POST safe to retry: the kit replays the first response. */
  idempotencyKey?: string;
}

/** A request without the caller's credentials: no token, no cookies (a public route, from any site). */
interface AnonymousOption {
  anonymous?: boolean;
}

/** A list query as the client takes it: switches and numbers as themselves, not as strings. */
export type ListParams<Query> = { [K in keyof Query]?: Query[K] | boolean | number };

/** The routes every resource has. */
export interface ResourceClient<T, Create, Patch, Query> {
  list(query?: ListParams<Query>, options?: RequestOptions): Promise<Page<T>>;
  get(id: string, options?: RequestOptions): Promise<T>;
  create(body: Create, options?: RequestOptions): Promise<T>;
  update(id: string, patch: Patch, options?: RequestOptions): Promise<T>;
  /** Moves the record to the trash. */
  remove(id: string, options?: RequestOptions): Promise<T>;
  restore(id: string, options?: RequestOptions): Promise<T>;
  history(
    id: string,
    query?: { limit?: number; cursor?: string },
    options?: RequestOptions,
  ): Promise<Page<HistoryEntry>>;
  /**
   * Creates or changes the record another system knows by `externalId` (upsert): the fields sent
   * change, the others stay. `options.version` or `ifMatch: '*'` make it conditional.
   */
  upsert(source: string, externalId: string, body: Create, options?: RequestOptions): Promise<T>;
  /** The record another system knows by `externalId`. */
  getByExternalId(source: string, externalId: string, options?: RequestOptions): Promise<T>;
}

/** The client of one resource of the contract's table (`resources.ts`). */
export type ResourceClientOf<N extends ResourceName> = ResourceClient<
  ResourceTypes<N>['record'],
  ResourceTypes<N>['create'],
  ResourceTypes<N>['patch'],
  ResourceTypes<N>['query']
>;

type Query = Record<string, string | number | boolean | undefined | null>;

/** A typed client for every route of the kit. */
export class CrmClient {
  readonly baseUrl: string;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  readonly customers = {
    ...this.#resource('customers'),
    /** Owner, contacts, orders, open deals and activities of a customer, in one request. */
    summary: (id: string, options?: RequestOptions) =>
      this.request<CustomerSummary>('GET', `/customers/${encodeURIComponent(id)}/summary`, options),
    /** The segments the customer is in now. */
    segments: (id: string, options?: RequestOptions) =>
      this.request<CustomerSegments>('GET', `/customers/${encodeURIComponent(id)}/segments`, options),
    /**
     * Merges the duplicate `body.from` into the customer `id`: its contacts, deals, activities,
     * orders, cases and converted leads move over, and it goes to the trash. `options.version`
     * makes it conditional on the kept customer's version; `idempotencyKey` makes it safe to retry.
     */
    merge: (id: string, body: CustomerMerge, options?: RequestOptions) =>
      this.#merge<Customer>('customers', id, body, options),
  };
  readonly contacts = {
    ...this.#resource('contacts'),
    /** Merges the duplicate `body.from` into the contact `id` (see `customers.merge`). */
    merge: (id: string, body: ContactMerge, options?: RequestOptions) =>
      this.#merge<Contact>('contacts', id, body, options),
  };
  readonly leads = {
    ...this.#resource('leads'),
    /** Merges the duplicate `body.from` into the lead `id` (see `customers.merge`). */
    merge: (id: string, body: LeadMerge, options?: RequestOptions) => this.#merge<Lead>('leads', id, body, options),
    /** Converts a lead into a customer, a contact and optionally a deal; a converted lead answers what it became. */
    convert: (id: string, conversion: LeadConvert, options?: RequestOptions) =>
      this.request<LeadConversion>('POST', `/leads/${encodeURIComponent(id)}/convert`, {
        body: conversion,
        ...options,
      }),
    /** How many leads the caller sees in each queue of the inbox (counted up to `countLimit`). */
    queues: (query?: ListParams<LeadQueuesQuery>, options?: RequestOptions) =>
      this.request<LeadQueues>('GET', '/leads/queues', { query, ...options }),
    /** The customers the caller can read whose name is like the lead's company, the most alike first. */
    customerMatches: (id: string, options?: RequestOptions) =>
      this.request<LeadCustomerMatches>('GET', `/leads/${encodeURIComponent(id)}/customer-matches`, options),
  };
  readonly campaigns = this.#resource('campaigns');
  readonly pipelines = this.#resource('pipelines');
  readonly opportunities = {
    ...this.#resource('opportunities'),
    /** Moves a deal to a stage and a place in its column; pass the `version` you read. */
    move: (id: string, move: OpportunityMove, options?: RequestOptions) =>
      this.request<Opportunity>('POST', `/opportunities/${encodeURIComponent(id)}/move`, { body: move, ...options }),
    /** The deal's contacts with their roles, the primary one first. */
    contacts: (id: string, options?: RequestOptions) =>
      this.request<OpportunityContacts>('GET', `/opportunities/${encodeURIComponent(id)}/contacts`, options),
    /** Puts a contact of the deal's customer on the deal in a role (or changes its role); answers the deal's contacts. */
    putContact: (id: string, contactId: string, body: OpportunityContactPut, options?: RequestOptions) =>
      this.request<OpportunityContacts>(
        'PUT',
        `/opportunities/${encodeURIComponent(id)}/contacts/${encodeURIComponent(contactId)}/role`,
        { body, ...options },
      ),
    /** Takes a contact off the deal; answers the deal's contacts. */
    removeContact: (id: string, contactId: string, options?: RequestOptions) =>
      this.request<OpportunityContacts>(
        'DELETE',
        `/opportunities/${encodeURIComponent(id)}/contacts/${encodeURIComponent(contactId)}/role`,
        options,
      ),
  };
  readonly boards = {
    /** Every stage of a pipeline with its figures and the first page of its cards. */
    get: (pipelineId: string, query?: ListParams<BoardQuery>, options?: RequestOptions) =>
      this.request<Board>('GET', `/pipelines/${encodeURIComponent(pipelineId)}/board`, { query, ...options }),
    /** The next page of one column (its figures too). */
    column: (pipelineId: string, stageId: string, query?: ListParams<BoardColumnQuery>, options?: RequestOptions) =>
      this.request<BoardColumn>(
        'GET',
        `/pipelines/${encodeURIComponent(pipelineId)}/board/stages/${encodeURIComponent(stageId)}`,
        { query, ...options },
      ),
  };
  readonly 'assignment-rules' = this.#resource('assignment-rules');
  readonly 'lead-forms' = this.#resource('lead-forms');
  /** Customers, contacts, leads and deals matching `q`, the best few of each. */
  search(query: ListParams<SearchQuery>, options?: RequestOptions) {
    return this.request<SearchResults>('GET', '/search', { query, ...options });
  }
  readonly reports = {
    funnel: (query: ListParams<FunnelQuery>, options?: RequestOptions) =>
      this.request<Funnel>('GET', '/reports/funnel', { query, ...options }),
    forecast: (query?: ListParams<ForecastQuery>, options?: RequestOptions) =>
      this.request<Forecast>('GET', '/reports/forecast', { query, ...options }),
    winRates: (query?: ListParams<WinRatesQuery>, options?: RequestOptions) =>
      this.request<WinRates>('GET', '/reports/win-rates', { query, ...options }),
    /** What each campaign brought in: leads, conversions, deals, won and open amounts. */
    campaigns: (query?: ListParams<CampaignReportQuery>, options?: RequestOptions) =>
      this.request<CampaignReport>('GET', '/reports/campaigns', { query, ...options }),
    /** Sales performance by member and team, as a leaderboard, against quota and a comparison period. */
    performance: (query?: ListParams<PerformanceReportQuery>, options?: RequestOptions) =>
      this.request<PerformanceReport>('GET', '/reports/performance', { query, ...options }),
    /** Customer analysis from orders: RFM segments, customers at risk, top products, repeat-purchase cohorts. */
    customers: (query?: ListParams<CustomerReportQuery>, options?: RequestOptions) =>
      this.request<CustomerReport>('GET', '/reports/customers', { query, ...options }),
    /** Market analysis: leads to won deals by campaign and source, ROI, lost reasons, competitors. */
    market: (query?: ListParams<MarketReportQuery>, options?: RequestOptions) =>
      this.request<MarketReport>('GET', '/reports/market', { query, ...options }),
  };
  readonly activities = this.#resource('activities');
  readonly orders = this.#resource('orders');
  readonly cases = {
    ...this.#resource('cases'),
    /** How many cases the caller sees in each status, and past due (counted up to `countLimit`). */
    queues: (query?: ListParams<CaseQueuesQuery>, options?: RequestOptions) =>
      this.request<CaseQueues>('GET', '/cases/queues', { query, ...options }),
  };
  readonly segments = {
    ...this.#resource('segments'),
    /** How many customers the caller sees that `rules` match now, before they are saved (up to `countLimit`). */
    count: (body: SegmentCountRequest, options?: RequestOptions) =>
      this.request<SegmentCount>('POST', '/segments/count', { body, ...options }),
  };
  readonly users = this.#resource('users');
  readonly teams = this.#resource('teams');
  readonly quotas = this.#resource('quotas');
  readonly 'forecast-adjustments' = this.#resource('forecast-adjustments');
  /** The organization's custom field definitions (`?resource=customers` for one resource's). */
  readonly 'custom-fields' = this.#resource('custom-fields');
  readonly organization = {
    /** The caller's organization: its base currency and exchange rates (the currencies it deals in), locale, time zone… */
    get: (options?: RequestOptions) => this.request<Organization>('GET', '/organization', options),
  };

  /** The bearer token requests carry, if the client has one. */
  async #token(): Promise<string | undefined> {
    return typeof this.#options.token === 'function' ? await this.#options.token() : this.#options.token;
  }

  #merge<T>(path: 'customers' | 'contacts' | 'leads', id: string, body: unknown, options?: RequestOptions) {
    return this.request<MergeResult<T>>('POST', `/${path}/${encodeURIComponent(id)}/merge`, { body, ...options });
  }

  #resource<N extends ResourceName>(path: N): ResourceClientOf<N> {
    const item = (id: string) => `/${path}/${encodeURIComponent(id)}`;
    const external = (source: string, id: string) =>
      `/${path}/by-external-id/${encodeURIComponent(source)}/${encodeURIComponent(id)}`;
    return {
      list: (query, options) => this.request('GET', `/${path}`, { query, ...options }),
      get: (id, options) => this.request('GET', item(id), options),
      create: (body, options) => this.request('POST', `/${path}`, { body, ...options }),
      update: (id, patch, options) => this.request('PATCH', item(id), { body: patch, ...options }),
      remove: (id, options) => this.request('DELETE', item(id), options),
      restore: (id, options) => this.request('POST', `${item(id)}/restore`, options),
      history: (id, query, options) => this.request('GET', `${item(id)}/history`, { query, ...options }),
      upsert: (source, externalId, body, options) =>
        this.request('PUT', external(source, externalId), { body, ...options }),
      getByExternalId: (source, externalId, options) => this.request('GET', external(source, externalId), options),
    };
  }

  /**
   * Listens to `/events`: calls `onChange` for every committed change the caller may see, until
   * `signal` aborts or the stream ends (then the promise settles; reconnecting is the caller's
   * choice). Reads the stream with fetch, so bearer tokens work where EventSource cannot send them.
   */
  async subscribe(
    onChange: (change: ChangeMessage) => void,
    options: { signal?: AbortSignal; onOpen?: () => void } = {},
  ): Promise<void> {
    const url = new URL(`${this.baseUrl}/events`, pageBase());
    const headers = new Headers({ accept: 'text/event-stream', ...this.#options.headers });
    const token = await this.#token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    const response = await (this.#options.fetch ?? globalThis.fetch)(
      new Request(url, { headers, signal: options.signal, credentials: token ? 'omit' : 'include' }),
    );
    if (!response.ok || !response.body) {
      throw new ApiError(toProblem(response, parseBody(response, await response.text())));
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    // Cancel the stream itself on abort: not every fetch ties the body to the request's signal.
    const stop = () => void reader.cancel().catch(() => {});
    options.signal?.addEventListener('abort', stop, { once: true });
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: ?(.*)$/m.exec(message)?.[1];
          const data = /^data: ?(.*)$/m.exec(message)?.[1];
          if (event === 'ready') options.onOpen?.();
          if (event === 'change' && data) onChange(JSON.parse(data) as ChangeMessage);
        }
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  }

  /**
   * A `GET` of the kit as a raw response, sent with the token or cookies every request carries:
   * for streams (`/events`) that a caller reads itself. Rejects with an {@link ApiError} when refused.
   */
  async open(path: string, options: { signal?: AbortSignal; headers?: Record<string, string> } = {}) {
    const headers = new Headers({ ...this.#options.headers, ...options.headers });
    const token = await this.#token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    const url = new URL(this.baseUrl + path, pageBase());
    const request = new Request(url, { headers, signal: options.signal, credentials: token ? 'omit' : 'include' });
    const response = await (this.#options.fetch ?? globalThis.fetch)(request);
    if (!response.ok) throw new ApiError(toProblem(response, parseBody(response, await response.text())));
    return response;
  }

  /**
   * A `POST` of a raw body (a CSV file) with its content type, answered as a raw response for the
   * caller to read (a stream of NDJSON lines). Rejects with an {@link ApiError} when refused.
   */
  async upload(
    path: string,
    body: Blob | string,
    options: { type: string; query?: object; signal?: AbortSignal },
  ): Promise<Response> {
    const url = new URL(this.baseUrl + path, pageBase());
    for (const [key, value] of Object.entries((options.query ?? {}) as Query)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers = new Headers({ ...this.#options.headers, 'content-type': options.type });
    const token = await this.#token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    const request = new Request(url, {
      method: 'POST',
      headers,
      body,
      signal: options.signal,
      credentials: token ? 'omit' : 'include',
    });
    const response = await (this.#options.fetch ?? globalThis.fetch)(request);
    if (!response.ok) throw new ApiError(toProblem(response, parseBody(response, await response.text())));
    return response;
  }

  /** What the caller may see and do (role, abilities per resource, whose records), for screens to offer only that. */
  me(options?: RequestOptions) {
    return this.request<Capabilities>('GET', '/me', options);
  }

  health(options?: RequestOptions) {
    return this.request<{ status: 'ok' }>('GET', '/health', options);
  }

  /** Sends one request; resolves with the parsed JSON body or rejects with an {@link ApiError}. */
  async request<T>(
    method: string,
    path: string,
    options: RequestOptions & AnonymousOption & { query?: object; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(this.baseUrl + path, pageBase());
    for (const [key, value] of Object.entries((options.query ?? {}) as Query)) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers = new Headers({ accept: 'application/json', ...this.#options.headers });
    const token = options.anonymous ? undefined : await this.#token();
    if (token) headers.set('authorization', `Bearer ${token}`);
    const ifMatch = options.version !== undefined ? `"${options.version}"` : options.ifMatch;
    if (ifMatch) headers.set('if-match', ifMatch);
    if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
    let body: string | undefined;
    if (options.body !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.body);
    }
    const request = new Request(url, {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: token || options.anonymous ? 'omit' : 'include',
    });
    const response = await (this.#options.fetch ?? globalThis.fetch)(request);
    const data = parseBody(response, await response.text());
    if (!response.ok) throw new ApiError(toProblem(response, data));
    return data as T;
  }
}

/**
 * The JSON of an answer. An error's body may be no JSON at all (a proxy's HTML error page): then
 * it is dropped, so the caller still gets an {@link ApiError} of the status, not a SyntaxError.
 */
function parseBody(response: Response, text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (response.ok) throw error;
    return undefined;
  }
}

function toProblem(response: Response, data: unknown): Problem {
  if (data && typeof data === 'object' && 'title' in data) return data as Problem;
  return { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status };
}

/**
 * A lead form's public routes, for any visitor of any site the form allows: sent without a token or
 * cookies, so a browser on another site needs only the form's CORS allowance. Functions rather than
 * client members, so that only a page with a lead form carries them.
 */
export const publicLeadForms = {
  /** The form to render and the start token to send back with the submission. */
  get: (client: CrmClient, publicKey: string, options?: RequestOptions) =>
    client.request<PublicLeadForm>('GET', `/public/lead-forms/${encodeURIComponent(publicKey)}`, {
      ...options,
      anonymous: true,
    }),
  /** Sends a visitor's answers; field errors come back as an {@link ApiError}. */
  submit: (client: CrmClient, publicKey: string, submission: LeadSubmission, options?: RequestOptions) =>
    client.request<LeadSubmissionResult>('POST', `/public/lead-forms/${encodeURIComponent(publicKey)}/submissions`, {
      body: submission,
      ...options,
      anonymous: true,
    }),
};

export function createClient(options: ClientOptions): CrmClient {
  return new CrmClient(options);
}

/**
 * What a relative base URL is resolved against: the document's base (right in `about:srcdoc`
 * frames, whose own address is not hierarchical), else the page's address, else (outside a
 * browser) localhost.
 */
function pageBase(): string {
  // Core is typed without the DOM: a browser's `document` is probed for, not assumed.
  const { document } = globalThis as { document?: { baseURI?: string } };
  return document?.baseURI ?? globalThis.location?.href ?? 'http://localhost';
}
