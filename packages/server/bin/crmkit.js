#!/usr/bin/env node
// The crmkit command: runs the TypeScript CLI through tsx's loader. tsx is a runtime dependency
// because the packages export TypeScript source; it can go once they ship built JavaScript.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
