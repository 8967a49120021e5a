// A deal opened anywhere on a page (a card on the board, a deal on a customer card) shows on its
// own page.
document.addEventListener('crm-opportunity-select', (event) => {
  const { opportunity } = (event as CustomEvent<{ opportunity: { id: string } }>).detail;
  window.location.assign(`/deals/${opportunity.id}`);
});
