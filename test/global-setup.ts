import { openDatabase } from '../src/db/client.ts';

/** On PostgreSQL, migrate once before the workers start (the embedded database migrates per worker). */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
}
