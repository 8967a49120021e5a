import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import * as t from '../db/schema/index.js';
import { newPublicKey, newSecret } from '../resources/lead-capture.js';
import { convertSampleLeads } from './conversions.js';
import { Random } from './random.js';
import { SAMPLE_ORGS, type SampleOrg } from './sample-data.js';

export interface SampleOptions {
  /** The moment the sample data is built around (activities in the past weeks, closes ahead). */
  now?: Date;
  /** The password hash to give the sample users, so they can sign in. */
  passwordHash?: string | null;
}

export interface SampleSummary {
  organizations: { id: string; slug: string; name: string }[];
  created: boolean;
}

const DAY = 86_400_000;
const CHUNK = 500;

/**
 * Seeds two believable organizations (Acme in English, Formosa in Traditional Chinese) with
 * users, teams, a pipeline, customers, contacts, opportunities across stages with their history,
 * activities, orders, leads, campaigns and cases. The same on every machine; does nothing when
 * the sample organizations exist already. Runs as the database owner (provisioning), but for a
 * few leads that their owners then convert through the kit's own conversion (conversions.ts).
 */
export async function seedSample(db: Db, options: SampleOptions = {}): Promise<SampleSummary> {
  const existing = await db.select().from(t.organizations).where(eq(t.organizations.slug, SAMPLE_ORGS[0]!.slug));
  if (existing.length > 0) {
    const all = await db
      .select({ id: t.organizations.id, slug: t.organizations.slug, name: t.organizations.name })
      .from(t.organizations);
    return { organizations: all.filter((o) => SAMPLE_ORGS.some((s) => s.slug === o.slug)), created: false };
  }
  const now = options.now ?? new Date();
  const organizations = [];
  for (const [index, spec] of SAMPLE_ORGS.entries()) {
    const rows = buildOrganization(spec, new Random(1000 + index), now, options.passwordHash ?? null);
    await db.transaction(async (tx) => {
      await insertAll(tx as unknown as Db, rows);
    });
    await convertSampleLeads(db, rows, now);
    organizations.push({ id: rows.org.id, slug: spec.slug, name: spec.name });
  }
  return { organizations, created: true };
}

type Rows = ReturnType<typeof buildOrganization>;

async function insertAll(db: Db, rows: Rows): Promise<void> {
  await db.insert(t.organizations).values(rows.org);
  // Users and teams refer to each other: users first without their team, then the teams.
  await db.insert(t.users).values(rows.users.map((u) => ({ ...u, teamId: null })));
  await db.insert(t.teams).values(rows.teams);
  for (const user of rows.users.filter((u) => u.teamId)) {
    await db.update(t.users).set({ teamId: user.teamId }).where(eq(t.users.id, user.id));
  }
  await db.insert(t.pipelines).values(rows.pipeline);
  await db.insert(t.stages).values(rows.stages);
  await db.insert(t.campaigns).values(rows.campaigns);
  for (const [table, values] of [
    [t.customers, rows.customers],
    [t.contacts, rows.contacts],
    [t.opportunities, rows.opportunities],
    [t.opportunityContacts, rows.dealContacts],
    [t.stageHistory, rows.stageHistory],
    [t.auditLog, rows.auditLog],
    [t.leads, rows.leads],
    [t.cases, rows.cases],
    [t.activities, rows.activities],
    [t.orders, rows.orders],
    [t.quotas, rows.quotas],
    [t.assignmentRules, rows.assignmentRules],
    [t.leadForms, rows.leadForms],
    [t.segments, rows.segments],
    [t.customFields, rows.customFields],
  ] as const) {
    for (let i = 0; i < values.length; i += CHUNK) {
      await db.insert(table).values(values.slice(i, i + CHUNK) as never);
    }
  }
}

/** Builds every row of one sample organization in memory. */
export function buildOrganization(spec: SampleOrg, rng: Random, now: Date, passwordHash: string | null) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY - rng.int(0, DAY / 2));
  const orgId = rng.uuid(ago(400));
  const org: typeof t.organizations.$inferInsert = {
    id: orgId,
    slug: spec.slug,
    name: spec.name,
    baseCurrency: spec.currency,
    exchangeRates: spec.exchangeRates,
    locale: spec.locale,
    timeZone: spec.timeZone,
    createdAt: ago(400),
  };
  const base = (createdAt: Date) => ({ orgId, id: rng.uuid(createdAt), createdAt, updatedAt: createdAt });

  const teams = spec.teams.map((name) => ({ ...base(ago(390)), name, managerId: null as string | null }));
  const users = spec.users.map((u) => ({
    ...base(ago(390)),
    email: u.email,
    name: u.name,
    role: u.role,
    passwordHash,
    locale: spec.locale,
    teamId: u.team === undefined ? null : teams[u.team]!.id,
  }));
  for (const [i, team] of teams.entries()) {
    team.managerId = users.find((u, j) => spec.users[j]!.team === i && u.role === 'manager')?.id ?? null;
  }
  // Records are owned by the people who sell: reps, and managers for some accounts.
  const sellers = users.filter((u) => u.role === 'rep' || u.role === 'manager');
  const repWeighted = sellers.flatMap((u) => (u.role === 'rep' ? [u, u, u] : [u]));

  const pipeline = { ...base(ago(390)), name: spec.pipelineName, isDefault: true, lostReasons: spec.lostReasons };
  const stages = spec.stages.map((s, position) => ({
    ...base(ago(390)),
    pipelineId: pipeline.id,
    name: s.name,
    position,
    probability: s.probability,
    kind: s.kind,
    requires: s.requires ?? [],
  }));
  const openStages = stages.filter((s) => s.kind === 'open');
  const won = stages.find((s) => s.kind === 'won')!;
  const lost = stages.find((s) => s.kind === 'lost')!;

  const campaigns = spec.campaigns.map((c, i) => ({
    ...base(ago(200 - i * 60)),
    name: c.name,
    channel: c.channel,
    budgetAmount: rng.int(20, 200) * 100 * (spec.currency === 'TWD' ? 3000 : 100),
    budgetCurrency: spec.currency,
    startsOn: isoDate(ago(200 - i * 60)),
    endsOn: isoDate(ago(170 - i * 60)),
  }));

  const customers: (typeof t.customers.$inferInsert & { id: string; ownerId: string })[] = [];
  const contacts: (typeof t.contacts.$inferInsert & { id: string })[] = [];
  const personName = () => spec.personName(rng.pick(spec.givenNames), rng.pick(spec.familyNames));
  spec.companies.forEach((company, i) => {
    const name = `${company} ${rng.pick(spec.companySuffixes)}`.replace(/ (?=[\u4e00-\u9fff])/u, '');
    const domain = spec.emailDomain(company, i);
    const owner = rng.pick(repWeighted);
    const createdAt = ago(rng.int(30, 380));
    const stage = rng.pick(['prospect', 'customer', 'customer', 'lead', 'evangelist', 'churned'] as const);
    const customer = {
      ...base(createdAt),
      kind: 'company' as const,
      name,
      emails: [`info@${domain}`],
      phones: [spec.phone(i)],
      website: `https://www.${domain}`,
      industry: rng.pick(spec.industries),
      size: rng.pick(['1-10', '11-50', '51-200', '201-1000'] as const),
      region: rng.pick(spec.regions),
      source: rng.pick(spec.sources),
      lifecycleStage: stage,
      tags: rng.chance(0.3) ? ['key-account'] : rng.chance(0.3) ? ['wholesale'] : [],
      ownerId: owner.id,
    };
    customers.push(customer);
    const people = rng.int(1, 3);
    for (let p = 0; p < people; p++) {
      const given = rng.pick(spec.givenNames);
      const family = rng.pick(spec.familyNames);
      const local = spec.locale === 'en' ? `${given}.${family}`.toLowerCase() : `contact${p + 1}`;
      contacts.push({
        ...base(createdAt),
        customerId: customer.id,
        name: spec.personName(given, family),
        title: rng.pick(
          spec.locale === 'en'
            ? ['Purchasing manager', 'Owner', 'Operations lead', 'CFO']
            : ['採購經理', '負責人', '營運主管', '財務長'],
        ),
        emails: [`${local}@${domain}`],
        phones: [spec.phone(i * 3 + p + 40)],
        isPrimary: p === 0,
        ownerId: owner.id,
      });
    }
  });
  // A few individual buyers as well as companies.
  for (let i = 0; i < 6; i++) {
    const name = personName();
    customers.push({
      ...base(ago(rng.int(10, 300))),
      kind: 'person',
      name,
      emails: [`buyer${i + 1}@mail.example`],
      phones: [spec.phone(80 + i)],
      region: rng.pick(spec.regions),
      source: rng.pick(spec.sources),
      lifecycleStage: 'customer',
      tags: ['retail'],
      ownerId: rng.pick(repWeighted).id,
    });
  }

  const opportunities: (typeof t.opportunities.$inferInsert)[] = [];
  const stageHistory: (typeof t.stageHistory.$inferInsert)[] = [];
  /** Each deal's history as the kit would have written it: created in its first stage, then each move. */
  const auditLog: (typeof t.auditLog.$inferInsert)[] = [];
  // Customers and contacts begin their history too, made by their owner when they were. The entry
  // takes the record's id (another table): no draw from the generator, so the rest stays as it was.
  for (const [entity, records] of [
    ['customer', customers],
    ['contact', contacts],
  ] as const) {
    for (const { orgId: _, ...record } of records) {
      auditLog.push({
        orgId,
        id: record.id,
        entity,
        entityId: record.id,
        actorId: record.ownerId ?? null,
        at: record.createdAt,
        action: 'create',
        before: null,
        after: { ...record, version: 1 },
      });
    }
  }
  const dealCount = customers.length * 2 + 10;
  for (let i = 0; i < dealCount; i++) {
    const customer = customers[i % customers.length]!;
    const createdAt = ago(rng.int(5, 240));
    const outcome = rng.next();
    // About a quarter of deals are closed; the rest spread over the open stages.
    const reached =
      outcome < 0.15
        ? openStages.length
        : outcome < 0.27
          ? rng.int(1, openStages.length)
          : rng.int(1, openStages.length);
    const closed = outcome < 0.15 ? won : outcome < 0.27 ? lost : null;
    const path = openStages.slice(0, reached);
    const finalStage = closed ?? path.at(-1)!;
    const amountUnit = spec.currency === 'TWD' ? 100_000 : 10_000;
    const opp = {
      ...base(createdAt),
      name: `${customer.name.split(/ (?!&)/)[0]} · ${rng.pick(spec.dealNames)}`,
      customerId: customer.id,
      contactId: contacts.find((c) => c.customerId === customer.id)?.id ?? null,
      pipelineId: pipeline.id,
      stageId: finalStage.id,
      position: i,
      amount: rng.int(5, 250) * amountUnit,
      currency: spec.currency,
      expectedCloseDate: isoDate(new Date(now.getTime() + rng.int(-20, 120) * DAY)),
      ownerId: customer.ownerId,
      source: customer.source,
      campaignId: rng.chance(0.4) ? rng.pick(campaigns).id : null,
      competitors: rng.chance(0.4) ? [rng.pick(spec.competitors)] : [],
      lostReason: closed === lost ? rng.pick(spec.lostReasons) : null,
      customFields: dealFieldValues(spec, i, closed === won),
      // As the kit files a deal that enters a won or a lost stage.
      forecastCategory: closed
        ? closed === won
          ? ('closed' as const)
          : ('omitted' as const)
        : reached >= 3
          ? ('commit' as const)
          : reached === 2
            ? ('best_case' as const)
            : ('pipeline' as const),
    };
    // Walk the deal through its stages, a few days apart, up to today.
    let at = createdAt;
    let from: string | null = null;
    let enteredAt = createdAt;
    const walk = closed ? [...path, closed] : path;
    for (const stage of walk) {
      const move = {
        orgId,
        id: rng.uuid(at),
        opportunityId: opp.id,
        fromStageId: from,
        toStageId: stage.id,
        changedAt: at,
        changedBy: customer.ownerId,
      };
      stageHistory.push(move);
      // The same id in the audit log (another table): no draw from the generator, so the rest of
      // the sample stays as it was.
      const entry = { orgId, id: move.id, entity: 'opportunity', entityId: opp.id, actorId: customer.ownerId, at };
      if (from === null) {
        const created = { ...opp, stageId: stage.id, stageEnteredAt: at, closedAt: null, lostReason: null };
        auditLog.push({
          ...entry,
          action: 'create',
          before: null,
          after: { ...created, forecastCategory: 'pipeline' },
        });
      } else {
        const closes = stage.kind !== 'open';
        auditLog.push({
          ...entry,
          action: 'update',
          before: {
            stageId: from,
            stageEnteredAt: enteredAt,
            ...(closes ? { closedAt: null, forecastCategory: 'pipeline' } : {}),
          },
          after: {
            stageId: stage.id,
            stageEnteredAt: at,
            ...(closes ? { closedAt: at, forecastCategory: opp.forecastCategory } : {}),
            ...(stage === lost ? { lostReason: opp.lostReason } : {}),
          },
        });
      }
      from = stage.id;
      enteredAt = at;
      at = new Date(Math.min(now.getTime() - DAY, at.getTime() + rng.int(2, 20) * DAY));
    }
    const last = stageHistory.at(-1)!.changedAt!;
    opportunities.push({
      ...opp,
      stageEnteredAt: last,
      closedAt: closed ? last : null,
      probability: null,
      updatedAt: last,
    });
  }

  const leads = Array.from({ length: 24 }, (_, i) => {
    const campaign = rng.chance(0.6) ? rng.pick(campaigns) : null;
    return {
      ...base(ago(rng.int(1, 90))),
      name: personName(),
      company: rng.chance(0.7) ? rng.pick(spec.companies) : null,
      email: `lead${i + 1}@mail.example`,
      phone: spec.phone(120 + i),
      // A lead from a campaign says so by its campaign; the others by where they came from.
      source: campaign ? null : rng.pick(spec.sources),
      campaignId: campaign?.id ?? null,
      status: rng.pick(['new', 'new', 'working', 'nurturing', 'qualified'] as const),
      score: rng.int(0, 100),
      ownerId: rng.chance(0.8) ? rng.pick(repWeighted).id : null,
    };
  });

  const cases = Array.from({ length: 10 }, () => {
    const customer = rng.pick(customers);
    const createdAt = ago(rng.int(1, 60));
    const status = rng.pick(['new', 'open', 'pending', 'resolved', 'closed'] as const);
    return {
      ...base(createdAt),
      subject: rng.pick(spec.caseSubjects),
      description: null,
      status,
      priority: rng.pick(['low', 'normal', 'normal', 'high', 'urgent'] as const),
      channel: rng.pick(['email', 'phone', 'web']),
      customerId: customer.id,
      ownerId: customer.ownerId,
      dueBy: new Date(createdAt.getTime() + 3 * DAY),
      resolvedAt: status === 'resolved' || status === 'closed' ? new Date(createdAt.getTime() + 2 * DAY) : null,
    };
  });

  const activities: (typeof t.activities.$inferInsert)[] = [];
  for (const customer of customers) {
    const count = rng.int(2, 7);
    const contact = contacts.find((c) => c.customerId === customer.id);
    const deal = opportunities.find((o) => o.customerId === customer.id);
    for (let i = 0; i < count; i++) {
      const type = rng.pick(['call', 'call', 'email', 'email', 'meeting', 'note'] as const);
      const occurredAt = ago(rng.int(0, 60));
      activities.push({
        ...base(occurredAt),
        type,
        subject: rng.pick(spec.subjects[type]),
        direction: type === 'call' || type === 'email' ? rng.pick(['outbound', 'outbound', 'inbound']) : null,
        durationSeconds: type === 'call' ? rng.int(2, 40) * 60 : type === 'meeting' ? rng.int(2, 8) * 15 * 60 : null,
        outcome: type === 'call' ? rng.pick(['connected', 'left_voicemail', 'no_answer']) : null,
        occurredAt,
        customerId: customer.id,
        contactId: contact?.id ?? null,
        opportunityId: deal && rng.chance(0.5) ? deal.id! : null,
        ownerId: customer.ownerId,
      });
    }
    // One open follow-up task ahead for most customers.
    if (rng.chance(0.7)) {
      const due = new Date(now.getTime() + rng.int(1, 14) * DAY);
      activities.push({
        ...base(ago(1)),
        type: 'task',
        subject: rng.pick(spec.subjects.task),
        occurredAt: due,
        dueAt: due,
        customerId: customer.id,
        contactId: contact?.id ?? null,
        ownerId: customer.ownerId,
      });
    }
  }

  const orders: (typeof t.orders.$inferInsert)[] = [];
  let orderNumber = 1000;
  for (const customer of customers.filter(
    (c) => c.lifecycleStage === 'customer' || c.lifecycleStage === 'evangelist',
  )) {
    const count = rng.int(1, 5);
    for (let i = 0; i < count; i++) {
      const placedAt = ago(rng.int(1, 360));
      const lines = Array.from({ length: rng.int(1, 3) }, () => {
        const product = rng.pick(spec.products);
        return { sku: null, name: product.name, quantity: rng.int(1, 20), unitAmount: product.price };
      });
      orderNumber += 1;
      orders.push({
        ...base(placedAt),
        customerId: customer.id,
        externalId: `SHOP-${spec.slug.toUpperCase()}-${orderNumber}`,
        number: String(orderNumber),
        status: 'fulfilled',
        totalAmount: lines.reduce((sum, l) => sum + l.quantity * l.unitAmount, 0),
        currency: spec.currency,
        placedAt,
        lines,
      });
    }
  }

  // Quotas for this quarter and year: each seller's from what they have in play (rounded to a
  // whole 10,000 or 100,000), each team's the sum of its members'. Drawn last, so the rest of the
  // sample stays as it was.
  const quarterStart = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1 - (now.getUTCMonth() % 3)).padStart(2, '0')}-01`;
  const yearStart = `${now.getUTCFullYear()}-01-01`;
  const quotaUnit = (spec.currency === 'TWD' ? 100_000 : 10_000) * 10;
  const quotas: (typeof t.quotas.$inferInsert)[] = [];
  /** The holder's quarter quota, and four times it for the year. */
  const addQuotas = (holder: { ownerId: string } | { teamId: string }, quarter: number) => {
    for (const [period, startsOn, amount] of [
      ['quarter', quarterStart, quarter],
      ['year', yearStart, quarter * 4],
    ] as const) {
      quotas.push({ ...base(ago(30)), ...holder, period, startsOn, amount, currency: spec.currency });
    }
  };
  const sellerQuota = new Map<string, number>();
  for (const seller of sellers) {
    const amount = rng.int(20, 60) * quotaUnit;
    sellerQuota.set(seller.id, amount);
    addQuotas({ ownerId: seller.id }, amount);
  }
  for (const team of teams) {
    const amount = users.filter((u) => u.teamId === team.id).reduce((sum, u) => sum + (sellerQuota.get(u.id) ?? 0), 0);
    if (amount > 0) addQuotas({ teamId: team.id }, amount);
  }

  // The website's contact form, and the rule that shares its leads out in turn in the first team. Its
  // new leads of the last day are the inbox's fresh ones (the rest have waited past a day's response time).
  const rule = {
    ...base(ago(120)),
    name: spec.contactForm.rule,
    conditions: [{ field: 'source', values: [spec.sources[0]!] }],
    strategy: 'round_robin',
    teamId: teams[0]!.id,
    assignedCount: 0,
    turn: 0,
  };
  const ruleSeats = users.filter((u) => u.teamId === teams[0]!.id).map((u) => u.id);
  const hoursAgo = [0.5, 2, 7];
  for (const [i, lead] of leads.entries()) {
    if (i < hoursAgo.length) {
      lead.createdAt = lead.updatedAt = new Date(now.getTime() - hoursAgo[i]! * 3_600_000);
      lead.status = 'new';
      lead.source = spec.sources[0]!;
      lead.campaignId = null;
    }
    if (lead.source !== spec.sources[0] || !lead.ownerId || !ruleSeats.includes(lead.ownerId)) continue;
    rule.turn += 1;
    rule.assignedCount += 1;
    Object.assign(lead, {
      assignmentRuleId: rule.id,
      assignmentReason: `rule "${rule.name}": round robin turn ${rule.turn}`,
      assignedAt: lead.createdAt,
    });
  }
  const { labels } = spec.contactForm;
  const leadForm = {
    ...base(ago(120)),
    name: spec.contactForm.name,
    publicKey: newPublicKey(),
    secret: newSecret(),
    fields: [
      { name: 'name', label: labels.name, required: true },
      { name: 'email', label: labels.email, required: true },
      { name: 'company', label: labels.company, required: false },
      { name: 'phone', label: labels.phone, required: false },
      { name: 'message', label: labels.message, required: false },
    ],
    consentText: spec.contactForm.consent,
    source: spec.sources[0]!,
    thankYouText: spec.contactForm.thankYou,
    campaignId: null as string | null,
  };
  // The website's own campaign, running since the form went up: what the form brings in counts in the
  // market report. Made last, so the rest of the sample data stays as it was.
  const website = {
    ...base(ago(120)),
    name: spec.contactForm.campaign,
    channel: 'web',
    startsOn: isoDate(ago(120)),
  };
  campaigns.push(website as (typeof campaigns)[number]);
  leadForm.campaignId = website.id;
  for (const lead of leads.slice(0, hoursAgo.length)) lead.campaignId = website.id;

  // Last, so that the random draws of everything above stay as they were.
  const segments = spec.segments.map((segment) => ({ ...base(ago(30)), ...segment }));
  // The service desk, after every other draw too: its agents, with every other case still to work in their queue.
  const agents = spec.supportAgents.map((agent) => ({
    ...base(ago(390)),
    email: agent.email,
    name: agent.name,
    role: 'support' as const,
    passwordHash,
    locale: spec.locale,
    teamId: null,
  }));
  users.push(...agents);
  const toWork = cases.filter((c) => c.status !== 'resolved' && c.status !== 'closed');
  toWork.forEach((c, i) => {
    if (agents.length && i % 2 === 0) c.ownerId = agents[i % agents.length]!.id;
  });

  const dealContacts = sampleDealContacts(orgId, opportunities, contacts);

  return {
    org,
    users,
    teams,
    quotas,
    assignmentRules: [rule],
    leadForms: [leadForm],
    pipeline,
    stages,
    campaigns,
    customers,
    contacts,
    opportunities,
    dealContacts,
    stageHistory,
    auditLog,
    leads,
    cases,
    activities,
    orders,
    segments,
    customFields: [
      { ...base(ago(300)), ...spec.dealFields.contractTerm, key: 'contract_term', type: 'select', position: 0 },
      { ...base(ago(300)), ...spec.dealFields.poNumber, key: 'po_number', type: 'text', position: 1 },
    ].map((field) => ({ ...field, resource: 'opportunities' })),
  };
}

/**
 * The custom field values of the sample's `index`th deal, drawn from its index (not the random source,
 * so the rest of the sample stays as it was): two deals in three have a contract term, won ones a PO number.
 */
function dealFieldValues(spec: SampleOrg, index: number, won: boolean): Record<string, string> {
  const options = spec.dealFields.contractTerm.options;
  return {
    ...(index % 3 === 2 ? {} : { contract_term: options[index % options.length]!.value }),
    ...(won ? { po_number: `PO-${String(24_000 + index * 7)}` } : {}),
  };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const PRIMARY_ROLES = ['decision_maker', 'champion', 'economic_buyer', 'influencer'] as const;

/**
 * The contacts on each sample deal: its primary contact (the deal's contactId) in a buying role, and
 * the customer's next contact, if any, as its technical buyer. Chosen by position, not by the random
 * source, so the rest of the sample stays as it was.
 */
function sampleDealContacts(
  orgId: string,
  opportunities: (typeof t.opportunities.$inferInsert)[],
  contacts: (typeof t.contacts.$inferInsert)[],
): (typeof t.opportunityContacts.$inferInsert)[] {
  return opportunities.flatMap((deal, i) => {
    if (!deal.contactId) return [];
    const others = contacts.filter((c) => c.customerId === deal.customerId && c.id !== deal.contactId);
    const createdAt = deal.createdAt;
    return [
      {
        orgId,
        opportunityId: deal.id!,
        contactId: deal.contactId,
        role: PRIMARY_ROLES[i % 4]!,
        isPrimary: true,
        createdAt,
      },
      ...others.slice(0, 1).map((c) => ({
        orgId,
        opportunityId: deal.id!,
        contactId: c.id!,
        role: 'technical_buyer' as const,
        createdAt,
      })),
    ];
  });
}
