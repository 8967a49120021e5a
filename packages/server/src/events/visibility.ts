import { and, eq, inArray } from 'drizzle-orm';
import { callerAllows } from '../auth/roles.js';
import { readInOrg, type Db } from '../db/database.js';
import type { Caller } from '../http/env.js';
import type { RecordTable, Resource } from '../resources/resource.js';
import { resources } from '../resources/index.js';
import type { ChangeEvent } from './bus.js';

const byEntity = new Map(resources.map((r) => [r.entity, r]));

/** Whether the caller may ever hear of changes to this entity: their organization and their scopes. */
function mayHear(caller: Caller, event: ChangeEvent): Resource | undefined {
  if (event.orgId !== caller.orgId) return undefined;
  const resource = byEntity.get(event.entity);
  if (!resource || !callerAllows(caller, resource.path, 'read')) return undefined;
  return resource;
}

/**
 * The events of a batch the caller may see, in their order. Owners, admins and viewers see
 * every record of their organization; reps and managers a subset, which the database tells
 * under their own row-level security: one transaction for the whole batch, one query per entity.
 */
export async function visibleEvents(db: Db, caller: Caller, events: ChangeEvent[]): Promise<ChangeEvent[]> {
  const heard = events.flatMap((event) => {
    const resource = mayHear(caller, event);
    return resource ? [{ event, resource }] : [];
  });
  if (heard.length === 0 || (caller.role !== 'rep' && caller.role !== 'manager')) return heard.map((h) => h.event);
  const idsByResource = new Map<Resource, Set<string>>();
  for (const { event, resource } of heard) {
    const ids = idsByResource.get(resource) ?? new Set<string>();
    idsByResource.set(resource, ids.add(event.id));
  }
  const visible = await readInOrg(db, caller, async (tx) => {
    const seen = new Set<string>();
    for (const [resource, ids] of idsByResource) {
      const table = resource.table as RecordTable;
      const rows = (await tx
        .select({ id: table.id })
        .from(resource.table as never)
        .where(and(eq(table.orgId, caller.orgId), inArray(table.id, [...ids])))) as { id: string }[];
      for (const row of rows) seen.add(`${resource.entity}:${row.id}`);
    }
    return seen;
  });
  return heard.filter(({ event }) => visible.has(`${event.entity}:${event.id}`)).map((h) => h.event);
}
