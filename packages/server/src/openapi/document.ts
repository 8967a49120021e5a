import * as contract from '@crmkit/core';
import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';

/**
 * The kit's OpenAPI 3.1 document, completed where route-by-route declarations would repeat
 * themselves: security schemes, the server (the host's mount point), operation ids, and the
 * problem answers every route of a kind can give (400 for an unknown query parameter or bad input,
 * 401 and 403 behind sign-in, 413 and 415 for bodies, 503 when the database is unavailable, and
 * 409, 422 and 500 from a host's hook on the writes of records).
 */

type Json = Record<string, unknown>;
interface Operation extends Json {
  summary?: string;
  operationId?: string;
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: Json[];
}
export interface ApiDocument extends Json {
  paths: Record<string, Record<string, Operation>>;
  components?: Json;
}

export const API_INFO = {
  title: 'crmkit',
  version: '0.1.0',
  description: 'The crmkit sales-management API.',
  license: { name: 'MIT', identifier: 'MIT' },
};

/** Routes that answer without credentials. */
const PUBLIC = new Set(['/health', '/ready', '/openapi.json', '/docs', '/auth/login', '/auth/logout']);
/** Routes that answer without the database. */
const NO_DATABASE = new Set(['/openapi.json', '/docs']);

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The standard problem answers, each once under `components.responses`. */
const RESPONSES: Record<string, [status: string, description: string]> = {
  BadRequest: ['400', 'A parameter, header or field is not valid (`errors` names each)'],
  Unauthorized: ['401', 'Not signed in, or the credentials are not valid'],
  Forbidden: ['403', "The caller's role or the token's scopes do not allow this, or a cross-site write with cookies"],
  TooLarge: ['413', 'The request body is over the size limit'],
  UnsupportedMediaType: ['415', 'The body is not `application/json`'],
  Unavailable: ['503', 'The database is unavailable or took too long; retry after `Retry-After` seconds'],
  HookRefused: ['422', "The host's hook refused the write (`errors` may name fields); nothing was written"],
  HookConflict: ['409', "The host's hook refused the write as a conflict; nothing was written"],
  HookFailed: ['500', "The host's hook failed (the server logs why); nothing was written"],
};

/** Writes that change no CRM record, so call no host hook (sign-in, keys, settings, webhooks, id links). */
const NO_RECORD_WRITE = /^\/(auth|api-keys|organization|webhook-)|\/external-ids\//;

/**
 * Gives every object and enum schema of the contract a name, so the document refers to one
 * `components.schemas` entry instead of repeating it inline. Query schemas stay inline: they
 * become parameters.
 */
let named = false;
function nameContractSchemas(): void {
  if (named) return;
  named = true;
  for (const [name, schema] of Object.entries(contract)) {
    if (!(schema instanceof z.ZodObject || schema instanceof z.ZodEnum)) continue;
    if (/(Query|Fields|Filters)$/.test(name) || zodToOpenAPIRegistry.get(schema)) continue;
    zodToOpenAPIRegistry.add(schema, { _internal: { refId: name } });
  }
}

/** `Create a customer` → `createCustomer`; unique within the document. */
function operationIdOf(summary: string, method: string, path: string, taken: Set<string>): string {
  const words = (summary || `${method} ${path}`)
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ');
  const stop = new Set(['a', 'an', 'the', 'of', 'to', 'from', 'by', 'in', 'for', 'and', 'or', 'its']);
  const kept = words.filter((w, i) => i === 0 || !stop.has(w.toLowerCase()));
  let id = kept.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1))).join('');
  for (let n = 2; taken.has(id); n++) id = `${id.replace(/\d+$/, '')}${n}`;
  taken.add(id);
  return id;
}

/** Builds the document of `app` as served under `mount` (e.g. `/api/crm`). */
export function apiDocument(app: OpenAPIHono<never>, mount: string): ApiDocument {
  nameContractSchemas();
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: API_INFO,
    servers: [{ url: mount || '/', description: 'Where the host mounts the kit' }],
  }) as unknown as ApiDocument;

  const problem = { $ref: '#/components/schemas/Problem' };
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: {
        type: 'apiKey',
        in: 'cookie',
        name: '__Host-crmkit_session',
        description:
          "The kit's own sign-in (`POST /auth/login`). A host that signs users in itself is trusted through its `identify` callback instead, with its own cookie.",
      },
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'An embed token (a short-lived JWT minted by the host) or an API key (`crmk_…`).',
      },
    },
    responses: Object.fromEntries(
      Object.entries(RESPONSES).map(([name, [, description]]) => [
        name,
        { description, content: { 'application/problem+json': { schema: problem } } },
      ]),
    ),
  };
  doc.security = [{ session: [] }, { bearer: [] }];

  const taken = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.operationId ??= operationIdOf(op.summary ?? '', method, path, taken);
      const add = (name: keyof typeof RESPONSES) => {
        const [status] = RESPONSES[name]!;
        op.responses[status] ??= { $ref: `#/components/responses/${name}` };
      };
      if (PUBLIC.has(path)) {
        op.security = [];
      } else {
        add('Unauthorized');
        add('Forbidden');
      }
      // Every route refuses a query parameter it does not know, whatever else it takes.
      add('BadRequest');
      if (op.requestBody) {
        add('TooLarge');
        add('UnsupportedMediaType');
      }
      if (!NO_DATABASE.has(path)) add('Unavailable');
      // The host's hooks run in every write of a record (see docs/integration.md).
      if (method !== 'get' && !PUBLIC.has(path) && !NO_RECORD_WRITE.test(path)) {
        add('HookRefused');
        add('HookConflict');
        add('HookFailed');
      }
    }
  }
  return doc;
}
