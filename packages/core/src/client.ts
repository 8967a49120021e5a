import type { Customer, CustomerListQuery } from './schemas/customer.js';
import type { Page, Problem } from './schemas/common.js';

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
  ifMatch?: string;
  idempotencyKey?: string;
}

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
    list: (query: CustomerListQuery = {}, options?: RequestOptions) =>
      this.request<Page<Customer>>('GET', '/customers', { query, ...options }),
    get: (id: string, options?: RequestOptions) =>
      this.request<Customer>('GET', `/customers/${encodeURIComponent(id)}`, options),
  };

  health(options?: RequestOptions) {
    return this.request<{ status: 'ok' }>('GET', '/health', options);
  }

  /** Sends one request; resolves with the parsed JSON body or rejects with an {@link ApiError}. */
  async request<T>(
    method: string,
    path: string,
    options: RequestOptions & { query?: Query; body?: unknown } = {},
  ): Promise<T> {
    const url = new URL(this.baseUrl + path, globalThis.location?.href ?? 'http://localhost');
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers = new Headers({ accept: 'application/json', ...this.#options.headers });
    const token = typeof this.#options.token === 'function' ? await this.#options.token() : this.#options.token;
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (options.ifMatch) headers.set('if-match', options.ifMatch);
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
      credentials: token ? 'omit' : 'include',
    });
    const response = await (this.#options.fetch ?? globalThis.fetch)(request);
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiError(toProblem(response, data));
    return data as T;
  }
}

function toProblem(response: Response, data: unknown): Problem {
  if (data && typeof data === 'object' && 'title' in data) return data as Problem;
  return { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status };
}

export function createClient(options: ClientOptions): CrmClient {
  return new CrmClient(options);
}
