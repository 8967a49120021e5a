// Vitest global setup for the end-to-end tests: one warm demo for every test file, started once
// (a fresh database, migrations, seed, client build) instead of once per file. Files run one at
// a time and read what they need from the demo before they change it, so sharing it is safe.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDemo } from './demo.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'crmkit-e2e-'));
  const demo = await startDemo({ dataDir });
  project.provide('demoUrl', demo.url);
  project.provide('contactUrl', demo.contactUrl);
  return async () => {
    await demo.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
