// How the funnel chart words its figures.
import type { Funnel } from '@crmkit/core';
import { dayText, plural } from '../shared/format.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';

useEnglish(en.deals, en.funnel, en.period);

/** What the figures cover: pipeline, period and number of deals. */
export function caption(t: Localizer, funnel: Funnel): string {
  const from = funnel.from ? dayText(t, funnel.from) : '';
  const to = funnel.to ? dayText(t, funnel.to) : '';
  const period =
    from && to
      ? t.t('period.range', { from, to })
      : from
        ? t.t('period.since', { from })
        : to
          ? t.t('period.until', { to })
          : t.t('period.ever');
  return `${t.t('funnel.caption', { name: funnel.name, period })} · ${plural(t, funnel.deals, 'deals.one', 'deals.other')}`;
}

/** An average stay in a stage: `4.5 days`. */
export function days(t: Localizer, count: number): string {
  return t.number(count, { style: 'unit', unit: 'day', unitDisplay: 'long', maximumFractionDigits: 1 });
}
