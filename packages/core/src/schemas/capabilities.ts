import { z } from 'zod';
import { Id } from './common.js';
import { Role } from './people.js';
import { RESOURCE_SCHEMAS, type ResourceName } from '../resources.js';

/** What the caller may do with one resource. */
export const Abilities = z.object({
  read: z.boolean(),
  create: z.boolean(),
  edit: z.boolean(),
  delete: z.boolean(),
});
export type Abilities = z.infer<typeof Abilities>;

/** The resources whose abilities the kit reports: every resource of the contract, by its path. */
export const CAPABILITY_RESOURCES = Object.keys(RESOURCE_SCHEMAS) as [ResourceName, ...ResourceName[]];
export type CapabilityResource = ResourceName;

/**
 * What the caller may see and do, so that screens offer only what will work: their role, what
 * they may do with each resource (their role and, for a token, its scopes), and whose records
 * they see. The kit still checks every request: this only tells a screen what to show.
 */
export const Capabilities = z.object({
  userId: Id.nullable().describe('The member; null for an API key, which acts for the organization'),
  role: Role,
  via: z.enum(['session', 'host', 'embed', 'api-key']),
  visibility: z
    .enum(['all', 'team', 'own'])
    .describe("Whose records the caller sees: everyone's, their teams' (a manager) or their own (a rep)"),
  owners: z.array(Id).nullable().describe('The owners whose records the caller sees; null when that is every owner'),
  unowned: z.boolean().describe('Whether the caller sees records without an owner'),
  resources: z.record(z.enum(CAPABILITY_RESOURCES), Abilities),
  opportunities: z.object({ move: z.boolean().describe('Whether the caller may move deals between stages') }),
});
export type Capabilities = z.infer<typeof Capabilities>;
