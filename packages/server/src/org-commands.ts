// `crmkit org …`: organization administration from a shell, as the host's process would do it
// through admin.ts (the platform's authority: whoever runs this can reach the database).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { OrganizationPatch, Role } from '@crmkit/core';
import { argon2Passwords } from './auth/argon2.js';
import { createOrganization, createUser, findOrganization, updateOrganization } from './admin.js';
import type { CrmDatabase } from './db/database.js';
import { ProblemError } from './http/problem.js';
import { presentOrganization } from './organization/settings.js';

export const ORG_USAGE = `  org create SLUG --name NAME [settings]
                          create an organization (with its default pipeline, in its locale)
  org set SLUG [settings] change an organization's settings (applies to the next request)
  org add-member SLUG --email E --name N [--role owner|admin|manager|rep|viewer|support] [--password-stdin]
                          add a member (default role rep); --password-stdin reads a password for
                          the kit's own sign-in from the first line of standard input
  org show SLUG           print an organization's settings

Settings: --locale en|zh-Hant|zh-Hans, --currency USD (the base currency), --time-zone Asia/Taipei,
  --fiscal-year-start 4 (the month, 1–12, in which the fiscal year starts; quarters and years follow it),
  --week-start 7 (the weekday, 1 = Monday … 7 = Sunday, on which weeks start; the weekly forecast
  snapshots follow it),
  --rate EUR=1.08 (repeat; sets all the exchange rates), --origin https://shop.example.com (repeat;
  sets all the allowed origins; --origin '' clears them), --embed-secret-stdin (reads the embed
  secret from the first line of standard input: at least 32 random characters), --name NAME`;

const stdinLine = () => readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';

/** The settings the options name, in the contract's terms (checked by the admin functions). */
function settingsFrom(values: Record<string, string | string[] | boolean | undefined>): OrganizationPatch {
  const patch: Record<string, unknown> = {};
  if (values.name !== undefined) patch.name = values.name;
  if (values.locale !== undefined) patch.locale = values.locale;
  if (values.currency !== undefined) patch.baseCurrency = values.currency;
  if (values['time-zone'] !== undefined) patch.timeZone = values['time-zone'];
  // A month number; anything else reaches the contract's check as not a number, and is refused there.
  const fiscal = values['fiscal-year-start'];
  if (typeof fiscal === 'string') patch.fiscalYearStartMonth = /^\d+$/.test(fiscal) ? Number(fiscal) : fiscal;
  // A weekday number, the same way.
  const weekStart = values['week-start'];
  if (typeof weekStart === 'string') patch.weekStartsOn = /^\d+$/.test(weekStart) ? Number(weekStart) : weekStart;
  if (values.origin !== undefined) patch.allowedOrigins = (values.origin as string[]).filter(Boolean);
  if (values.rate !== undefined) {
    patch.exchangeRates = Object.fromEntries(
      (values.rate as string[]).map((r) => {
        const [code, rate] = r.split('=');
        return [code ?? '', rate === undefined || rate.trim() === '' ? Number.NaN : Number(rate)];
      }),
    );
  }
  if (values['embed-secret-stdin']) patch.embedSecret = stdinLine();
  return patch as OrganizationPatch;
}

/** Runs `crmkit org …` (argv after `org`); answers the exit code. */
export async function runOrgCommand(database: CrmDatabase, argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      locale: { type: 'string' },
      currency: { type: 'string' },
      'time-zone': { type: 'string' },
      'fiscal-year-start': { type: 'string' },
      'week-start': { type: 'string' },
      rate: { type: 'string', multiple: true },
      origin: { type: 'string', multiple: true },
      'embed-secret-stdin': { type: 'boolean' },
      email: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  const [action, slug] = positionals;
  if (!action || !slug || !['create', 'set', 'add-member', 'show'].includes(action)) {
    console.error(`Usage:\n${ORG_USAGE}`);
    return 1;
  }
  try {
    const db = database.db;
    if (action === 'create') {
      const org = await createOrganization(db, { slug, name: values.name ?? slug, ...settingsFrom(values) });
      console.log(JSON.stringify(presentOrganization(org), null, 2));
    } else if (action === 'set') {
      const org = await findOrganization(db, slug);
      console.log(JSON.stringify(await updateOrganization(db, org.id, settingsFrom(values)), null, 2));
    } else if (action === 'show') {
      console.log(JSON.stringify(presentOrganization(await findOrganization(db, slug)), null, 2));
    } else {
      const org = await findOrganization(db, slug);
      if (!values.email || !values.name) {
        console.error('org add-member needs --email and --name');
        return 1;
      }
      const role = (values.role ?? 'rep') as Role;
      if (!['owner', 'admin', 'manager', 'rep', 'viewer', 'support'].includes(role)) {
        console.error('--role is one of owner, admin, manager, rep, viewer, support');
        return 1;
      }
      const passwordHash = values['password-stdin'] ? await argon2Passwords.hash(stdinLine()) : null;
      const user = await createUser(db, org.id, { email: values.email, name: values.name, role, passwordHash });
      console.log(`Added ${user.email} (${user.role}) to ${org.slug}: ${user.id}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    // Field by field, as the API would answer.
    const { detail, errors = [] } = error.problem;
    console.error([detail, ...errors.map((e) => `  ${e.path}: ${e.message}`)].join('\n'));
    return 1;
  }
}
