import { ApiError } from '@crmkit/core';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, nothing, type TemplateResult } from 'lit';
import { buttons } from './buttons.styles.js';
import { failureOf, FAILURE_MESSAGES } from './failure.js';
import { FocusController } from './focus.js';
import { ALL_ICONS } from './icons.js';

const ICON_NAMES = Object.keys(ALL_ICONS) as (keyof typeof ALL_ICONS)[];
import { bone, emptyState, errorBox } from './states.js';
import { states } from './states.styles.js';
import { text } from '../../test/kit.js';
import { tokens } from './tokens.js';

/** A shadow root styled as the elements style theirs, showing one piece of the kit. */
class KitProbe extends LitElement {
  static override styles = [tokens, buttons, states];
  static override properties = { content: { attribute: false } };
  content: TemplateResult | typeof nothing = nothing;
  readonly focuser = new FocusController(this);
  override render() {
    return this.content;
  }
}
customElements.define('kit-probe', KitProbe);

async function probe(content: TemplateResult): Promise<KitProbe> {
  const element = await fixture<KitProbe>(html`<kit-probe .content=${content}></kit-probe>`);
  await element.updateComplete;
  return element;
}

describe('shared kit', () => {
  describe('icons', () => {
    it('draws every icon as hidden, current-colour SVG with its grid and classes', async () => {
      const element = await probe(html`${ICON_NAMES.map((name) => html`<span>${ALL_ICONS[name]('extra')}</span>`)}`);
      const svgs = [...element.shadowRoot!.querySelectorAll('svg')];
      expect(svgs).to.have.length(ICON_NAMES.length);
      svgs.forEach((svg, index) => {
        const name = ICON_NAMES[index]!;
        expect(svg.getAttribute('aria-hidden')).to.equal('true');
        expect(svg.getAttribute('class')).to.equal(`icon ${name}-icon extra`);
        // (The case matters: an SVG ignores `viewbox`.)
        expect(svg.viewBox.baseVal.width, name).to.be.above(0);
        expect(svg.querySelector('path, circle, rect'), name).to.not.equal(null);
        expect(svg.getBoundingClientRect().width, name).to.be.above(0);
      });
      await expect(element).to.be.accessible();
    });
  });

  describe('error box', () => {
    it('says what failed and what to do, and retries on request', async () => {
      let retries = 0;
      const element = await probe(
        errorBox({
          message: 'Could not reach the server.',
          detail: 'Check your connection and try again.',
          retry: { label: 'Try again', onClick: () => retries++ },
          role: 'alert',
        }),
      );
      const box = element.shadowRoot!.querySelector('[part~="error"]')!;
      expect(box.getAttribute('role')).to.equal('alert');
      expect(text(box.querySelector('.error-message'))).to.equal('Could not reach the server.');
      expect(text(box.querySelector('.error-detail'))).to.equal('Check your connection and try again.');
      expect(box.querySelector('.error-icon')).to.not.equal(null);
      const retry = box.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
      expect(text(retry)).to.equal('Try again');
      retry.click();
      expect(retries).to.equal(1);
      await expect(element).to.be.accessible();
    });

    it('leaves out the detail, the button and the role when not given', async () => {
      const element = await probe(errorBox({ message: 'Not connected.' }));
      const box = element.shadowRoot!.querySelector('[part~="error"]')!;
      expect(box.hasAttribute('role')).to.equal(false);
      expect(box.querySelector('.error-detail')).to.equal(null);
      expect(box.querySelector('button')).to.equal(null);
      await expect(element).to.be.accessible();
    });
  });

  describe('empty state', () => {
    it('shows its title, detail and action, which a slot can replace', async () => {
      const element = await probe(
        emptyState({
          title: 'No customers match.',
          detail: 'Try other words.',
          action: html`<button class="button" type="button">Clear filters</button>`,
          slot: 'empty',
        }),
      );
      const empty = element.shadowRoot!.querySelector('[part~="empty"]')!;
      expect(text(empty.querySelector('.empty-title'))).to.equal('No customers match.');
      expect(text(empty.querySelector('.empty-detail'))).to.equal('Try other words.');
      expect(empty.querySelector('slot[name="empty"] button')).to.not.equal(null);
      await expect(element).to.be.accessible();

      const own = document.createElement('p');
      own.slot = 'empty';
      own.textContent = 'Nothing yet';
      element.append(own);
      const slot = empty.querySelector('slot')!;
      expect(slot.assignedElements()).to.deep.equal([own]);
    });
  });

  describe('skeleton', () => {
    it('draws bones as wide as asked, a bare number being a percentage', async () => {
      const element = await probe(
        html`<div style="inline-size: 200px">${bone(50)} ${bone('3rem', { small: true })}</div>`,
      );
      const [half, small] = [...element.shadowRoot!.querySelectorAll<HTMLElement>('.bone')];
      expect(half!.getBoundingClientRect().width).to.equal(100);
      expect(small!.classList.contains('small')).to.equal(true);
      expect(small!.style.inlineSize).to.equal('3rem');
      expect(small!.getBoundingClientRect().height).to.be.below(half!.getBoundingClientRect().height);
    });
  });

  describe('focus', () => {
    it('moves focus inside the element after its next render', async () => {
      const element = await probe(html`<button id="a" type="button">A</button><button id="b" type="button">B</button>`);
      element.focuser.focusAfterRender('#b');
      await element.updateComplete;
      expect(element.shadowRoot!.activeElement?.id).to.equal('b');
    });
  });

  describe('failureOf', () => {
    const problem = (status: number) => new ApiError({ type: 'about:blank', title: 'x', status });

    it('reads the kit’s statuses and a network failure as the user is told them', () => {
      expect(failureOf(problem(404))).to.equal('notFound');
      // A 400 on a load can only be a malformed id.
      expect(failureOf(problem(400))).to.equal('notFound');
      expect(failureOf(problem(401))).to.equal('unauthorized');
      expect(failureOf(problem(403))).to.equal('forbidden');
      expect(failureOf(problem(500))).to.equal('generic');
      expect(failureOf(new TypeError('Failed to fetch'))).to.equal('network');
      expect(failureOf(new Error('?'))).to.equal('generic');
    });

    it('has a headline for every failure', () => {
      for (const failure of ['notFound', 'unauthorized', 'forbidden', 'network', 'generic'] as const) {
        expect(FAILURE_MESSAGES[failure][0]).to.match(/^error\./);
      }
    });
  });
});
