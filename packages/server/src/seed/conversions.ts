// The sample's converted leads: a few of its qualified leads converted the way a rep converts one
// (POST /leads/{id}/convert), so the market report's funnel has conversions to show. Through the
// kit's own conversion in a member's transaction: the customer, contact and deal it makes, their
// history and the lead's links are what a real conversion leaves.
import { inOrg, type Db } from '../db/database.js';
import type * as t from '../db/schema/index.js';
import type { Caller, Role } from '../http/env.js';
import { convertLead } from '../leads/convert.js';

const DAY = 86_400_000;

/** How many leads of each sample organization are converted: each costs the seed a few hundred ms on PGlite. */
const CONVERTED = 2;

interface SampleRows {
  org: typeof t.organizations.$inferInsert;
  users: { id: string; role: string }[];
  pipeline: { id: string };
  stages: { id: string; kind: string; position: number }[];
  leads: { id: string; status: string; ownerId: string | null; createdAt: Date; score: number }[];
}

/** Converts the newest qualified leads that have an owner, each by its owner, with a deal in the first stage. */
export async function convertSampleLeads(db: Db, rows: SampleRows, now: Date): Promise<number> {
  const orgId = rows.org.id;
  const roleOf = new Map(rows.users.map((u) => [u.id, u.role as Role]));
  const first = rows.stages.filter((s) => s.kind === 'open').sort((a, b) => a.position - b.position)[0]!;
  const currency = rows.org.baseCurrency!;
  // A deal's size in the sample's own units (a TWD deal runs to hundreds of thousands).
  const unit = currency === 'TWD' ? 100_000 : 10_000;
  const chosen = rows.leads
    .filter((lead) => lead.status === 'qualified' && lead.ownerId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, CONVERTED);
  for (const lead of chosen) {
    const caller: Caller = { orgId, userId: lead.ownerId, role: roleOf.get(lead.ownerId!)!, via: 'session' };
    await inOrg(db, caller, (tx) =>
      convertLead(tx, caller, lead.id, {
        createContact: true,
        opportunity: {
          pipelineId: rows.pipeline.id,
          stageId: first.id,
          amount: (10 + (lead.score % 40)) * unit,
          currency,
          expectedCloseDate: new Date(now.getTime() + 45 * DAY).toISOString().slice(0, 10),
        },
      }),
    );
  }
  return chosen.length;
}
