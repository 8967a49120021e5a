// The sign-in page: each demo account's "Use" button fills in the form.
const form = document.querySelector<HTMLFormElement>('#login-form');
const accounts = document.querySelector<HTMLElement>('.demo-accounts');

if (form && accounts) {
  const email = form.elements.namedItem('email') as HTMLInputElement;
  const password = form.elements.namedItem('password') as HTMLInputElement;
  accounts.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-email]');
    if (!button) return;
    email.value = button.dataset.email ?? '';
    password.value = accounts.dataset.password ?? '';
    form.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  });
}
