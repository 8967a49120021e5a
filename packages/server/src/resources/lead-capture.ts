import type { FieldError } from '@crmkit/core';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { assignmentRules, leadForms, users } from '../db/schema/index.js';
import { unknownReference } from '../http/db-errors.js';
import { validationProblem } from '../http/problem.js';
import { defineResource } from './resource.js';

/** An organization's assignment rules: only owners and admins change them. */
export const assignmentRuleResource = defineResource({
  path: 'assignment-rules',
  entity: 'assignment_rule',
  tag: 'Assignment rules',
  table: assignmentRules,
  sorts: { position: assignmentRules.position, name: assignmentRules.name, createdAt: assignmentRules.createdAt },
  search: sql`lower(${assignmentRules.name})` as never,
  writeRoles: ['owner', 'admin'],
  /** Each strategy names whom it chooses among; weighted members must be members of the organization. */
  beforeWrite: async (rule, { tx, caller }) => {
    const errors: FieldError[] = [];
    const weights = (rule.weights as { userId: string }[]) ?? [];
    if (rule.strategy === 'member' && !rule.userId)
      errors.push({ path: 'userId', code: 'required', message: 'Name the member who gets the leads' });
    if ((rule.strategy === 'round_robin' || rule.strategy === 'load') && !rule.teamId)
      errors.push({ path: 'teamId', code: 'required', message: 'Name the team whose members share the leads' });
    if (rule.strategy === 'weighted' && !weights.length)
      errors.push({ path: 'weights', code: 'required', message: 'Give each member a weight' });
    if (new Set(weights.map((w) => w.userId)).size !== weights.length)
      errors.push({ path: 'weights', code: 'invalid_value', message: 'Each member once' });
    if (weights.length) {
      const ids = weights.map((w) => w.userId);
      const found = new Set(
        (
          await tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.orgId, caller.orgId), inArray(users.id, ids), isNull(users.deletedAt)))
        ).map((u) => u.id),
      );
      ids.forEach((id, i) => {
        if (!found.has(id)) errors.push(unknownReference(`weights.${i}.userId`));
      });
    }
    if (errors.length) throw validationProblem(errors);
  },
});

/** A new form's public key: 128 random bits, so a key names one form and cannot be guessed. */
export function newPublicKey(): string {
  return `lf_${encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(16)))}`;
}

/** A new form's signing secret for its start tokens (never shown). */
export function newSecret(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(32)));
}

/** An organization's lead forms: only owners and admins change them. */
export const leadFormResource = defineResource({
  path: 'lead-forms',
  entity: 'lead_form',
  tag: 'Lead forms',
  table: leadForms,
  sorts: { name: leadForms.name, createdAt: leadForms.createdAt },
  search: sql`lower(${leadForms.name})` as never,
  writeRoles: ['owner', 'admin'],
  beforeWrite: (_form, { before }) => (before ? undefined : { publicKey: newPublicKey(), secret: newSecret() }),
});
