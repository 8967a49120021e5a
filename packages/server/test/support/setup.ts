// Every server test fails when a response it caused broke the contract (see contract.ts).
import { afterEach, expect } from 'vitest';
import { takeViolations } from './contract.js';

afterEach(() => {
  expect(takeViolations(), 'responses that break the documented contract').toEqual([]);
});
