import { bigint, boolean, timestamp } from 'drizzle-orm/pg-core';

/** Column builders shared by every tenant-owned table. */
export const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity();
export const companyId = () => bigint('company_id', { mode: 'number' }).notNull();
export const userRef = (name: string) => bigint(name, { mode: 'number' });
export const ref = (name: string) => bigint(name, { mode: 'number' });
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
export const addTime = () => tstz('add_time').notNull().defaultNow();
export const updateTime = () => tstz('update_time').notNull().defaultNow();
export const softDelete = () => ({
  isDeleted: boolean('is_deleted').notNull().default(false),
  deleteTime: tstz('delete_time'),
});
