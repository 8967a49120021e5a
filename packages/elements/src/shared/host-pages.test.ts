// The elements on host pages they do not control: a dark theme (their form controls), a dark page
// that does not say so with `color-scheme`, and a page that shrinks its root font size. Several
// elements each, against the real kit.
import { ignoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { ACME_ADMIN, BASE_URL, findCustomer, part, settledOn, tokenFor } from '../../test/kit.js';
import '../index.js';

type Element$ = HTMLElement & { updateComplete: Promise<unknown> };

/** The elements under test, each as a page would place it (inside a provider, which adds no box). */
function elements(customerId: string): Record<string, TemplateResult> {
  return {
    'crm-customer-card': html`<crm-customer-card customer-id=${customerId} editable></crm-customer-card>`,
    'crm-customer-list': html`<crm-customer-list page-size="5" style="height: 384px"></crm-customer-list>`,
    'crm-pipeline-board': html`<crm-pipeline-board></crm-pipeline-board>`,
    'crm-funnel-chart': html`<crm-funnel-chart></crm-funnel-chart>`,
    'crm-forecast': html`<crm-forecast></crm-forecast>`,
    'crm-activity-log': html`<crm-activity-log for=${`customer:${customerId}`} no-live></crm-activity-log>`,
    'crm-trash': html`<crm-trash></crm-trash>`,
    'crm-lead-inbox': html`<crm-lead-inbox></crm-lead-inbox>`,
    'crm-segment-builder': html`<crm-segment-builder></crm-segment-builder>`,
  };
}

/** Every element under test, by tag name. */
const everyElement = Object.keys(elements(''));
/** Those that draw text fields or selects (the forecast has none). */
const withTextControls = everyElement.filter((name) => name !== 'crm-forecast');

/** `template` inside a provider inside a page-like `div` styled by `pageStyle`; resolves once it has loaded. */
async function place(template: TemplateResult, { pageStyle = '', theme = 'auto' } = {}): Promise<Element$> {
  const page = await fixture(html`
    <div style=${pageStyle}>
      <crm-provider base-url=${BASE_URL} token=${tokenFor(ACME_ADMIN)} locale="en" theme=${theme}>
        ${template}
      </crm-provider>
    </div>
  `);
  const element = page.querySelector<Element$>('crm-provider > *')!;
  await settledOn(element, '[aria-busy="true"], [part~="skeleton"]');
  return element;
}

/** Every element in `host`'s shadow root and in the shadow roots of elements inside it. */
function shadowElements(host: Element): Element[] {
  const found: Element[] = [];
  for (const element of host.shadowRoot?.querySelectorAll('*') ?? []) {
    found.push(element);
    if (element.shadowRoot) found.push(...shadowElements(element));
  }
  return found;
}

/** The text-like form controls of an element (not checkboxes, radios, or the lead form's hidden trap). */
function textControls(host: Element): HTMLElement[] {
  return shadowElements(host).filter(
    (element): element is HTMLElement =>
      element.matches('input:not([type="checkbox"], [type="radio"], [type="hidden"]), select, textarea') &&
      !element.closest('[aria-hidden="true"]'),
  );
}

type Rgba = [number, number, number, number];

/** A computed colour: `rgb(…)`, `rgba(…)`, or `color(srgb …)` (0 to 1) as `color-mix()` computes. */
function rgba(color: string): Rgba {
  const scale = color.startsWith('color(srgb') ? 255 : 1;
  const [r = 0, g = 0, b = 0, a = 1] = color.match(/[\d.]+/g)!.map(Number);
  return [r * scale, g * scale, b * scale, a];
}

/** The colour a box's background shows: its own, over its parents' (in the flat tree), down to the page's white. */
function shownBackground(element: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = element; node;) {
    const layer = rgba(getComputedStyle(node).backgroundColor);
    layers.push(layer);
    if (layer[3] === 1) break;
    node = node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return layers.reduceRight<Rgba>(
    (below, [r, g, b, a]) => [r * a + below[0] * (1 - a), g * a + below[1] * (1 - a), b * a + below[2] * (1 - a), 1],
    [255, 255, 255, 1],
  );
}

/** WCAG's contrast ratio of two opaque colours. */
function contrast(one: Rgba, other: Rgba): number {
  const luminance = ([r, g, b]: Rgba) => {
    const [lr, lg, lb] = [r, g, b].map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
  };
  const [light, dark] = [luminance(one), luminance(other)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

const lightness = ([r, g, b]: Rgba) => (r + g + b) / 3;

describe('elements on host pages', () => {
  let customerId: string;

  // The customer list's virtualizer measures rows with a ResizeObserver; Chromium reports a benign
  // "loop completed with undelivered notifications", which Mocha would count as a failure.
  let restoreOnError: (() => void) | undefined;
  before(async () => {
    restoreOnError = ignoreWindowResizeObserverLoopErrors({ suppressErrorLogging: true });
    customerId = (await findCustomer('Northwind')).id;
  });
  after(() => restoreOnError?.());

  describe('form controls in the dark theme', () => {
    /** What the browser draws a text input with in the dark when no one styles it: Chromium's grey. */
    let browserField: string;

    before(async () => {
      const page = await fixture(html`<div style="color-scheme: dark"><input /></div>`);
      browserField = getComputedStyle(page.querySelector('input')!).backgroundColor;
    });

    for (const name of withTextControls) {
      it(`${name}: take the theme's colours, not the browser's`, async () => {
        const element = await place(elements(customerId)[name]!, { theme: 'dark' });
        if (name === 'crm-customer-card') {
          part(element, 'edit-button')!.click();
          await element.updateComplete;
        }
        // Some controls come with a second load (the inbox's owner filter, with the team's directory).
        await waitUntil(() => textControls(element).length > 0, `${name} shows no text controls`);
        const controls = textControls(element);
        const text = getComputedStyle(element).color;
        for (const control of controls) {
          const style = getComputedStyle(control);
          const what = `${control.localName}.${control.className} of ${name}`;
          expect(style.backgroundColor, what).not.to.equal(browserField);
          expect(lightness(rgba(style.backgroundColor)), what).to.be.below(40);
          expect(style.color, what).to.equal(text);
          // Native parts (date pickers, the select's popup, scroll bars) are dark too.
          expect(style.colorScheme, what).to.equal('dark');
        }
      });
    }

    it('take the colours a host sets through the tokens', async () => {
      const pageStyle = '--crm-color-field: rgb(1, 2, 3); --crm-color-text: rgb(250, 240, 230)';
      for (const name of ['crm-customer-list', 'crm-pipeline-board', 'crm-activity-log']) {
        const element = await place(elements(customerId)[name]!, { pageStyle, theme: 'dark' });
        for (const control of textControls(element)) {
          const style = getComputedStyle(control);
          expect(style.backgroundColor, name).to.equal('rgb(1, 2, 3)');
          expect(style.color, name).to.equal('rgb(250, 240, 230)');
        }
      }
    });
  });

  describe('a dark page that does not declare color-scheme', () => {
    const pageStyle = 'background: #111; color: #eee';

    for (const name of everyElement) {
      it(`${name}: headers and names stay readable on the element's own surface`, async () => {
        const element = await place(elements(customerId)[name]!, { pageStyle });
        // Headings, and the list's names and count (it has no heading).
        const headings = shadowElements(element).filter((e) =>
          e.matches('[role="heading"], h1, h2, h3, [part~="option-name"], [part~="count"]'),
        );
        expect(headings.length, 'headings').to.be.above(0);
        for (const heading of headings) {
          const ratio = contrast(rgba(getComputedStyle(heading).color), shownBackground(heading));
          expect(
            ratio,
            `${heading.textContent?.trim()} (${heading.localName}.${heading.className}, ${getComputedStyle(heading).color} on ${shownBackground(heading).join()}) in ${name}`,
          ).to.be.at.least(4.5);
        }
      });
    }
  });

  describe('a page that sets html { font-size: 62.5% }', () => {
    afterEach(() => {
      document.documentElement.style.fontSize = '';
    });

    /** The sizes of everything an element draws: text, padding, gaps. */
    const sizes = (host: Element) =>
      shadowElements(host).map((element) => {
        const style = getComputedStyle(element);
        return `${element.localName}.${element.getAttribute('class') ?? ''}: ${style.fontSize} ${style.padding} ${style.rowGap} ${style.borderRadius}`;
      });

    for (const name of everyElement) {
      it(`${name}: keeps its sizes, whatever the page's root font size`, async () => {
        const element = await place(elements(customerId)[name]!);
        const before = sizes(element);
        document.documentElement.style.fontSize = '62.5%';
        expect(parseFloat(getComputedStyle(document.body).fontSize)).to.equal(10);
        // Body text (the element's own) and its controls' text stay readable.
        expect(parseFloat(getComputedStyle(part(element, 'base') ?? element).fontSize)).to.be.at.least(13);
        for (const control of textControls(element)) {
          expect(parseFloat(getComputedStyle(control).fontSize), control.className).to.be.at.least(13);
        }
        const after = sizes(element);
        const changed = after.filter((size, i) => size !== before[i]);
        expect(changed.slice(0, 5), `${changed.length} elements changed size, e.g.`).to.deep.equal([]);
      });
    }
  });
});
