import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  CustomerCreate,
  CustomerListQuery,
  CustomerPatch,
  listQuery,
  OpportunityListQuery,
  OpportunityPatch,
  patchOf,
  Text,
} from '../src/index.js';

describe('patchOf', () => {
  it('leaves out every field the patch does not name, even those with defaults', () => {
    expect(CustomerPatch.parse({ region: 'North' })).toEqual({ region: 'North' });
    expect(CustomerPatch.parse({})).toEqual({});
    expect(OpportunityPatch.parse({ amount: 5 })).toEqual({ amount: 5 });
  });

  it('is what a plain .partial() is not: the create schema fills defaults, the patch does not', () => {
    // The pitfall patchOf exists for: in zod 4 a default applies even inside .optional().
    expect(CustomerCreate.partial().parse({ region: 'North' })).toMatchObject({ kind: 'company', tags: [] });
    expect(CustomerCreate.parse({ name: 'Acme' })).toMatchObject({ kind: 'company', lifecycleStage: 'lead' });
  });

  it('keeps every rule of the fields it names, nulls included', () => {
    expect(CustomerPatch.safeParse({ name: '' }).success).toBe(false);
    expect(CustomerPatch.safeParse({ kind: 'robot' }).success).toBe(false);
    expect(CustomerPatch.safeParse({ emails: ['not an email'] }).success).toBe(false);
    expect(CustomerPatch.safeParse({ attributes: { a: '\u0000' } }).success).toBe(false);
    expect(CustomerPatch.parse({ industry: null, tags: [] })).toEqual({ industry: null, tags: [] });
  });

  it('strips defaults from any object, and only at the top level', () => {
    const Fields = z.object({
      name: Text,
      count: z.number().default(1),
      nested: z.object({ flag: z.boolean().default(false) }).optional(),
    });
    const Patch = patchOf(Fields);
    expect(Patch.parse({})).toEqual({});
    expect(Patch.parse({ count: 3 })).toEqual({ count: 3 });
    // A nested object the patch names is a whole value: its own defaults still apply.
    expect(Patch.parse({ nested: {} })).toEqual({ nested: { flag: false } });
  });
});

describe('listQuery', () => {
  it('fills the defaults from an empty query and coerces query strings', () => {
    expect(CustomerListQuery.parse({})).toEqual({ limit: 50, sort: 'name' });
    expect(OpportunityListQuery.parse({}).sort).toBe('-updatedAt');
    expect(CustomerListQuery.parse({ limit: '10', trash: 'true', q: '  acme  ' })).toEqual({
      limit: 10,
      sort: 'name',
      trash: true,
      q: 'acme',
    });
    expect(CustomerListQuery.parse({ trash: 'false' }).trash).toBe(false);
  });

  it('refuses an unknown parameter, naming it', () => {
    const result = CustomerListQuery.safeParse({ limt: '10' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['limt'] })]);
    // A filter of another resource is unknown here too.
    expect(CustomerListQuery.safeParse({ pipelineId: '018f0000-0000-7000-8000-000000000000' }).success).toBe(false);
  });

  it('takes each sort key ascending or, with a leading minus, descending, and nothing else', () => {
    for (const sort of ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt']) {
      expect(CustomerListQuery.parse({ sort }).sort).toBe(sort);
    }
    for (const sort of ['score', '+name', '--name', 'name,createdAt', 'Name', '']) {
      expect(CustomerListQuery.safeParse({ sort }).success, sort).toBe(false);
    }
  });

  it('checks paging bounds and the resource filters', () => {
    expect(CustomerListQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ limit: '201' }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ limit: '1.5' }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ limit: 'ten' }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ cursor: 'x'.repeat(513) }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ trash: 'maybe' }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ kind: 'person' }).success).toBe(true);
    expect(CustomerListQuery.safeParse({ kind: 'robot' }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ ownerId: 'me' }).success).toBe(false);
    expect(CustomerListQuery.safeParse({ q: 'a\u0000' }).success).toBe(false);
  });

  it('builds a query of its own sort keys, default and filters', () => {
    const Query = listQuery(['rank'], '-rank', { colour: z.enum(['red', 'blue']).optional() });
    expect(Query.parse({})).toEqual({ limit: 50, sort: '-rank' });
    expect(Query.parse({ sort: 'rank', colour: 'red' })).toMatchObject({ sort: 'rank', colour: 'red' });
    expect(Query.safeParse({ sort: 'name' }).success).toBe(false);
  });
});
