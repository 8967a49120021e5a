export * from './schemas/common.js';
export * from './schemas/fields.js';
export * from './schemas/people.js';
export * from './schemas/customer.js';
export * from './schemas/sales.js';
export * from './schemas/service.js';
export * from './schemas/segment.js';
export * from './client.js';
