// What every component's stories share: the locale and theme controls, the note that stories run
// the real kit, and the dark canvas. (The kit itself is in kit.ts.)
import type { Decorator } from '@storybook/web-components-vite';
import { html } from 'lit';

/** The args every component's stories take. */
export interface CommonArgs {
  locale: 'en' | 'zh-Hant' | 'zh-Hans';
  theme: 'auto' | 'light' | 'dark';
}

/** The controls for {@link CommonArgs}. */
export const commonArgTypes = {
  locale: { control: 'inline-radio', options: ['en', 'zh-Hant', 'zh-Hans'] },
  theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
} as const;

/** The docs page's description of a component whose stories run the real kit: `what` says what is real. */
export function realKitDocs(what: string) {
  return {
    docs: {
      description: {
        component:
          'Every story runs the real crmkit kit inside the page (PGlite in memory, seeded with the sample ' +
          `organizations)${what}`,
      },
    },
  };
}

/** A dark page around the story (`style` sizes it), so a dark element is seen as on a dark host page. */
export function darkCanvas(style: string): Decorator {
  return (story) =>
    html`<div style="color-scheme: dark; background: Canvas; color: CanvasText; ${style}">${story()}</div>`;
}

/**
 * A page-like background around a story, light or dark as its `theme` arg says, so a dark story shows
 * the element as it would sit on a dark page. `maxWidth` (CSS) keeps a wide element to a page's width.
 */
export function pageCanvas(args: CommonArgs, content: unknown, maxWidth = 'none') {
  const scheme = args.theme === 'dark' ? 'dark' : 'light';
  return html`<div
    style="max-width: ${maxWidth}; padding: 1rem; border-radius: 0.5rem; color-scheme: ${scheme}; background: Canvas; color: CanvasText"
  >
    ${content}
  </div>`;
}

/** Waits for `check` to give something (an element rendered, a stream open), for a story's `play`. */
export async function waitFor<T>(check: () => T | null | undefined, timeout = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
