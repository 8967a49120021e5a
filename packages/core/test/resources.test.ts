import { describe, expect, it } from 'vitest';
import { createClient, Customer, CustomerCreate, RESOURCE_NAMES, RESOURCE_SCHEMAS } from '../src/index.js';

describe("the contract's resource table", () => {
  it('names every resource of the HTTP contract, in the order of its reference', () => {
    expect(RESOURCE_NAMES).toEqual([
      'customers',
      'contacts',
      'leads',
      'campaigns',
      'pipelines',
      'opportunities',
      'activities',
      'orders',
      'cases',
      'segments',
      'users',
      'teams',
      'assignment-rules',
      'lead-forms',
      'quotas',
      'forecast-adjustments',
      'custom-fields',
    ]);
  });

  it("gives each resource its module's four schemas", () => {
    expect(RESOURCE_SCHEMAS.customers.record).toBe(Customer);
    expect(RESOURCE_SCHEMAS.customers.create).toBe(CustomerCreate);
    for (const name of RESOURCE_NAMES) {
      const { record, create, patch, query } = RESOURCE_SCHEMAS[name];
      for (const schema of [record, create, patch, query]) expect(schema, name).toBeDefined();
      expect(record.shape).toHaveProperty('id');
      expect(query.shape).toHaveProperty('limit');
    }
  });

  it('gives the typed client every resource with all its routes', () => {
    const client = createClient({ baseUrl: 'https://crm.example/api/crm' });
    for (const name of RESOURCE_NAMES) {
      expect(Object.keys(client[name]), name).toEqual(
        expect.arrayContaining(['list', 'get', 'create', 'update', 'remove', 'restore', 'history']),
      );
    }
  });
});
