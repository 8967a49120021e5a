// The customer analysis' RFM segments, without zod: the segment builder offers them at run time,
// so they stay out of the schema modules (which would bring zod into a page's bundle).

/**
 * The RFM segments, from a customer's recency score R and frequency score F (each 1–5):
 * champions R 5, F 4–5; loyal R 3–4, F 4–5; potentialLoyalists R 4–5, F 2–3; new R 5, F 1;
 * promising R 4, F 1; needsAttention R 3, F 3; aboutToSleep R 3, F 1–2; cannotLose R 1–2, F 5;
 * atRisk R 1–2, F 3–4; hibernating R 1–2, F 1–2. Every pair of scores falls in exactly one.
 */
export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potentialLoyalists',
  'new',
  'promising',
  'needsAttention',
  'aboutToSleep',
  'cannotLose',
  'atRisk',
  'hibernating',
] as const;

/** The segment of a pair of scores, by the rule of {@link RFM_SEGMENTS}. */
export function rfmSegmentOf(r: number, f: number): (typeof RFM_SEGMENTS)[number] {
  if (r <= 2) return f === 5 ? 'cannotLose' : f >= 3 ? 'atRisk' : 'hibernating';
  if (f >= 4) return r === 5 ? 'champions' : 'loyal';
  if (f >= 2) return r >= 4 ? 'potentialLoyalists' : f === 3 ? 'needsAttention' : 'aboutToSleep';
  return r === 5 ? 'new' : r === 4 ? 'promising' : 'aboutToSleep';
}
