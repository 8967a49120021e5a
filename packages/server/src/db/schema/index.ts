export * from './columns.js';
export * from './organizations.js';
export * from './people.js';
export * from './customers.js';
export * from './sales.js';
export * from './service.js';
export * from './auth.js';
export * from './summaries.js';
