// The pipeline page: the server rendered the board and the funnel inside their provider; this
// registers them. The funnel follows the provider's change stream, so it updates itself when a deal
// moves on the board (or anywhere else).
import '@crmkit/elements';

// A deal opened on the board (a click on its card, or Enter) shows on its own page.
document.addEventListener('crm-opportunity-select', (event) => {
  const { opportunity } = (event as CustomEvent<{ opportunity: { id: string } }>).detail;
  window.location.assign(`/deals/${opportunity.id}`);
});
