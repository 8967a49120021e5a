// A viewer reads everything their organization lets them and is offered no way to change it: on every
// page of the demo they may open (the records' own pages too), no button or control that creates,
// edits, moves, assigns, completes, trashes or restores a record, and no deal to drag on the board.
import type { Case, Customer, Opportunity, Page as ListPage } from '@crmkit/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSession } from './support/browser.js';

const VIEWER = 'viewer@acme.test';

/** Names of controls that would change a record, in the demo's English. */
const WRITES =
  /^(\+ ?)?(new|add|edit|log|save|delete|trash|move|mark|assign|restore|create|import|reopen|won(?!:)|lost(?!:)|adjust|set |change|complete|done|resolve|close case|merge|convert|qualify|disqualify|send|upload|rename)\b/i;

/** Waits until no element shows a skeleton or says it is busy. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('*')].some((element) =>
        element.shadowRoot?.querySelector('[part~="skeleton"], [aria-busy="true"]'),
      ),
    undefined,
    { timeout: 20_000 },
  );
}

/**
 * What on the page would let its user change a record: enabled controls named for a write (the
 * portal's own navigation aside, which only goes to pages), and deals that can be dragged.
 */
async function writeAffordances(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const role of ['button', 'link', 'menuitem', 'checkbox'] as const) {
    for (const control of await page.getByRole(role).all()) {
      if (!(await control.isVisible()) || (await control.isDisabled().catch(() => false))) continue;
      const { name, inNavigation } = await control.evaluate((element) => ({
        name: (
          element.getAttribute('aria-label') ??
          (element as HTMLInputElement).labels?.[0]?.innerText ??
          (element as HTMLElement).innerText
        ).trim(),
        inNavigation: Boolean(element.closest('nav[aria-label="Main"]')),
      }));
      if (!inNavigation && WRITES.test(name)) found.push(`${role} "${name}"`);
    }
  }
  const draggable = await page.locator('[draggable="true"]').count();
  if (draggable) found.push(`${draggable} draggable`);
  return found;
}

describe('a viewer', () => {
  it('is checked by a look that sees writes: a rep on the same pages is offered them', async () => {
    const rep = await demoSession('rep@acme.test');
    try {
      const { page, url, api } = rep;
      const [customer] = (await api<ListPage<Customer>>('/customers?limit=1')).items;
      for (const path of [`/customers/${customer!.id}`, '/pipeline', '/segments']) {
        await page.goto(`${url}${path}`);
        await settled(page);
        expect(await writeAffordances(page), path).not.toEqual([]);
      }
    } finally {
      await rep.close();
    }
  });

  it('is offered no write on any page they may open', async () => {
    const viewer = await demoSession(VIEWER);
    try {
      const { page, url, api, errors } = viewer;
      const [customer] = (await api<ListPage<Customer>>('/customers?limit=1')).items;
      const [deal] = (await api<ListPage<Opportunity>>('/opportunities?limit=1')).items;
      const [supportCase] = (await api<ListPage<Case>>('/cases?limit=1')).items;
      const nav = page.getByRole('navigation', { name: 'Main' });
      const sections = (await nav.getByRole('link').all()).map((link) => link.getAttribute('href'));
      const paths = [
        ...(await Promise.all(sections)).filter((path): path is string => Boolean(path) && path !== '/shop'),
        `/customers/${customer!.id}`,
        `/deals/${deal!.id}`,
        `/cases/${supportCase!.id}`,
      ];
      expect(paths.length).toBeGreaterThan(8);
      const offered: Record<string, string[]> = {};
      for (const path of paths) {
        await page.goto(`${url}${path}`);
        await settled(page);
        const found = await writeAffordances(page);
        if (found.length) offered[path] = found;
      }
      expect(offered).toEqual({});
      expect(errors).toEqual([]);
    } finally {
      await viewer.close();
    }
  });
});
