// Lists the elements read whole for names and choices (members, rules, campaigns, pipelines): an
// organization can have more than one page of them, so a name past the first page is not lost.
import type { Page } from '@crmkit/core';

/** Reads one page of a list, from `cursor` on. */
export type PageReader<T> = (page: { limit: number; cursor?: string }) => Promise<Page<T>>;

/**
 * Every item of a list, page by page (`pageSize`: the largest page the kit gives), up to about `cap`
 * (a bound on what a directory holds in memory and on the requests one element makes). Fails as
 * the first failing page does.
 */
export async function everyPage<T>(read: PageReader<T>, { cap = 2_000, pageSize = 200 } = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: pageSize, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < cap);
  return items;
}
