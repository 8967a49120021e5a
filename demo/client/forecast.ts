// The forecast page: the server rendered the forecast inside its provider; this registers it, and
// opens the pipeline when a figure is chosen, its board filtered to the member and the period.
import '@crmkit/elements';
import { CrmForecastSelectEvent } from '@crmkit/elements';

document.addEventListener(CrmForecastSelectEvent.eventName, (event) => {
  const { ownerId, from, to } = (event as CrmForecastSelectEvent).detail;
  const query = new URLSearchParams({ ...(ownerId ? { owner: ownerId } : {}), from, to });
  location.assign(`/pipeline?${query}`);
});
