import { html } from 'hono/html';
import type { ClientBundle } from '../bundle.js';
import { messages, type Lang } from '../i18n.js';
import { document, logo } from './layout.js';

/** A page with one message and a way back: for unknown addresses and unexpected failures. */
export function messagePage({ bundle, lang, kind }: { bundle: ClientBundle; lang: Lang; kind: 'notFound' | 'failed' }) {
  const t = messages[lang];
  const { title, body } = t[kind];
  return document({
    lang,
    title: `${title} · ${t.portal}`,
    bundle,
    bodyClass: 'backdrop',
    body: html`<main class="center">
      <div class="panel message">
        <div class="brand">${logo}<span>${t.portal}</span></div>
        <h1>${title}</h1>
        <p>${body}</p>
        <a class="button primary" href="/">${t.notFound.home}</a>
      </div>
    </main>`,
  });
}
