// A case chosen in a support queue (the cases page, a customer's page) opens on its own page.
document.addEventListener('crm-case-select', (event) => {
  const { case: kase } = (event as CustomEvent<{ case: { id: string } }>).detail;
  window.location.assign(`/cases/${kase.id}`);
});
