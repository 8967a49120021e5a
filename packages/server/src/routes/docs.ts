import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
}
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

/** A short, readable type for a schema: `string (email)`, `"open" | "won"`, `array of string`. */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return 'any';
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeOf).join(' | ');
  if (schema.type === 'array') return `array of ${typeOf(schema.items)}`;
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'object');
  return schema.format ? `${type} (${schema.format})` : type;
}

function fields(schema: Schema | undefined): HtmlEscapedString | Promise<HtmlEscapedString> | string {
  if (!schema?.properties) return '';
  return html`<table>
    <tr>
      <th>Field</th>
      <th>Type</th>
      <th>Notes</th>
    </tr>
    ${Object.entries(schema.properties).map(
      ([name, field]) =>
        html`<tr>
          <td><code>${name}</code>${schema.required?.includes(name) ? html` <b>required</b>` : ''}</td>
          <td>${typeOf(field)}</td>
          <td>
            ${field.description ?? ''}${field.default !== undefined ? ` Default ${JSON.stringify(field.default)}.` : ''}
          </td>
        </tr>`,
    )}
  </table>`;
}

/**
 * The document with each local `$ref` replaced by what it names, to a few levels (recursive
 * schemas stop there), so the page can show a named schema's fields where it is used.
 */
function inlineRefs<T>(node: T, root: unknown, depth = 0): T {
  if (Array.isArray(node)) return node.map((n: unknown) => inlineRefs(n, root, depth)) as T;
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (depth > 4) return {} as T;
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], root);
    return inlineRefs(target as T, root, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineRefs(v, root, depth)])) as T;
}

/** A browsable reference of the API, rendered from its OpenAPI document; works offline. */
export function renderReference(document: OpenApiDocument, specUrl: string) {
  const doc = { ...document, paths: inlineRefs(document.paths, document) };
  const byTag = new Map<string, [string, string, Operation][]>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), [method.toUpperCase(), path, op]]);
    }
  }
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${doc.info.title} API reference</title>
        <style>
          :root {
            color-scheme: light dark;
            font-family: system-ui, sans-serif;
            line-height: 1.5;
          }
          body {
            margin: 0 auto;
            max-width: 60rem;
            padding: 1rem 1.5rem 4rem;
          }
          nav a {
            margin-right: 0.75rem;
          }
          section {
            border-top: 1px solid color-mix(in srgb, currentColor 20%, transparent);
            margin-top: 2rem;
          }
          details {
            margin: 0.5rem 0;
          }
          summary {
            cursor: pointer;
            font-family: ui-monospace, monospace;
          }
          .method {
            display: inline-block;
            min-width: 4.5rem;
            font-weight: 700;
          }
          table {
            border-collapse: collapse;
            margin: 0.5rem 0;
            width: 100%;
            font-size: 0.9rem;
          }
          th,
          td {
            text-align: left;
            padding: 0.25rem 0.5rem;
            border-bottom: 1px solid color-mix(in srgb, currentColor 12%, transparent);
            vertical-align: top;
          }
        </style>
      </head>
      <body>
        <h1>${doc.info.title} API <small>${doc.info.version}</small></h1>
        <p>${doc.info.description ?? ''} Machine-readable: <a href="${specUrl}">OpenAPI 3.1 document</a>.</p>
        <nav>${[...byTag.keys()].map((tag) => html`<a href="#${tag}">${tag}</a>`)}</nav>
        ${[...byTag.entries()].map(
          ([tag, ops]) =>
            html`<section id="${tag}">
              <h2>${tag}</h2>
              ${ops.map(
                ([method, path, op]) =>
                  html`<details>
                    <summary><span class="method">${method}</span> ${path} — ${op.summary ?? ''}</summary>
                    ${op.description ? html`<p>${op.description}</p>` : ''}
                    ${
                      op.parameters?.length
                        ? html`<h4>Parameters</h4>
                            <table>
                              <tr>
                                <th>Name</th>
                                <th>In</th>
                                <th>Type</th>
                                <th>Notes</th>
                              </tr>
                              ${op.parameters.map(
                                (p) =>
                                  html`<tr>
                                    <td><code>${p.name}</code>${p.required ? html` <b>required</b>` : ''}</td>
                                    <td>${p.in}</td>
                                    <td>${typeOf(p.schema)}</td>
                                    <td>${p.description ?? ''}</td>
                                  </tr>`,
                              )}
                            </table>`
                        : ''
                    }
                    ${
                      op.requestBody
                        ? html`<h4>Body (JSON)</h4>
                            ${fields(op.requestBody.content?.['application/json']?.schema)}`
                        : ''
                    }
                    <h4>Responses</h4>
                    <ul>
                      ${Object.entries(op.responses ?? {}).map(([status, r]) => html`<li><code>${status}</code> ${r.description ?? ''}</li>`)}
                    </ul>
                  </details>`,
              )}
            </section>`,
        )}
      </body>
    </html>`;
}
