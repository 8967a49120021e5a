// The design's size budgets (DESIGN.md, Performance budgets), min+gzip: all elements with Lit on an
// English page at most 60 kB, each element's own entry alone at most 25 kB, each locale catalog at most 6 kB.
// Measured the way scripts/bundle.ts builds and prints them (`npm run build -w packages/elements`).
import { describe, expect, it } from 'vitest';
import { bundleElements, kB, measureSizes, type Size } from '../../packages/elements/scripts/bundle.js';

describe('@crmkit/elements sizes', () => {
  let sizes: Size[];

  it('are measured', async () => {
    sizes = await measureSizes(await bundleElements());
    console.log(sizes.map((size) => `${size.name.trim()}: ${kB(size.gzipBytes)}`).join('\n'));
  }, 300_000);

  it('are within their budgets', () => {
    const over = sizes
      .filter((size) => size.budget !== undefined && size.gzipBytes > size.budget)
      .map((size) => `${size.name.trim()}: ${kB(size.gzipBytes)} > ${kB(size.budget!)}`);
    expect(over).toEqual([]);
  });
});
