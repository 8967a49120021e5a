import type { Role } from '@crmkit/server';

/** The sample users the sign-in page offers; `seedSample` creates them, all with the demo password. */
export const DEMO_ACCOUNTS: readonly { email: string; organization: string; role: Role }[] = [
  { email: 'admin@acme.test', organization: 'Acme', role: 'admin' },
  { email: 'manager@acme.test', organization: 'Acme', role: 'manager' },
  { email: 'rep@acme.test', organization: 'Acme', role: 'rep' },
  { email: 'rep2@acme.test', organization: 'Acme', role: 'rep' },
  { email: 'viewer@acme.test', organization: 'Acme', role: 'viewer' },
  { email: 'support@acme.test', organization: 'Acme', role: 'support' },
  { email: 'admin@formosa.test', organization: 'Formosa', role: 'admin' },
  { email: 'rep@formosa.test', organization: 'Formosa', role: 'rep' },
  { email: 'support@formosa.test', organization: 'Formosa', role: 'support' },
];
