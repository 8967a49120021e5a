export * from './schemas/common.js';
export * from './schemas/customer.js';
export * from './client.js';
