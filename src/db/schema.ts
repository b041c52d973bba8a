// Every table of the application, for Drizzle and drizzle-kit. Each module owns its tables.ts.
export * from '../modules/activities/tables.ts';
export * from '../modules/audit/tables.ts';
export * from '../modules/contacts/tables.ts';
export * from '../modules/conversion/tables.ts';
export * from '../modules/deal-products/tables.ts';
export * from '../modules/deals/tables.ts';
export * from '../modules/fields/tables.ts';
export * from '../modules/followers/tables.ts';
export * from '../modules/jobs/tables.ts';
export * from '../modules/leads/tables.ts';
export * from '../modules/notes/tables.ts';
export * from '../modules/participants/tables.ts';
export * from '../modules/pipelines/tables.ts';
export * from '../modules/products/tables.ts';
export * from '../modules/users/tables.ts';
