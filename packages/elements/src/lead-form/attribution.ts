import type { LeadSubmission } from '@crmkit/core';

const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** Cuts a value to what the kit keeps of it, so a long address never makes the submission fail. */
const clip = (value: string, max: number) => value.slice(0, max);

/**
 * Where the visitor came from, as the page knows it: the campaign parameters in its address
 * (`utm_*`), the page that linked here and this page's own address.
 */
export function attribution(page: Location = window.location, referrer = document.referrer): Partial<LeadSubmission> {
  const out: Partial<LeadSubmission> = { landingPage: clip(page.href, 2000) };
  if (referrer) out.referrer = clip(referrer, 2000);
  const params = new URLSearchParams(page.search);
  for (const key of UTM) {
    const value = params.get(key)?.trim();
    if (value) out[key] = clip(value, 200);
  }
  return out;
}
