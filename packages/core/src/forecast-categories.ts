// Kept apart from the zod schemas so that a browser bundle taking only this map takes no zod.
import type { AdjustableCategory } from './schemas/forecast.js';

/** The stored category of each adjustable figure of the forecast (`adjusted.bestCase` is `best_case`). */
export const ADJUSTED_CATEGORIES = {
  commit: 'commit',
  bestCase: 'best_case',
  pipeline: 'pipeline',
} as const satisfies Record<string, AdjustableCategory>;
