import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { countUsers, setUpFirstCompany } from '../src/modules/users/company.ts';

/** npm run create-admin -- --email … --password … [--name …] [--company …] [--api-token …] */
async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      company: { type: 'string' },
      'api-token': { type: 'string' },
    },
  });
  if (!values.email || !values.password || values.password.length < 8) {
    console.error(
      'usage: npm run create-admin -- --email you@example.com --password "at least 8 characters" [--name "Your Name"] [--company "Company"] [--api-token TOKEN]',
    );
    process.exit(2);
  }
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'db'),
  });
  await database.migrate();
  if ((await countUsers(database.db)) > 0) {
    console.error('This database already has users; add more from Settings → Users.');
    await database.close();
    process.exit(1);
  }
  const { apiToken } = await setUpFirstCompany(database.db, {
    companyName: values.company ?? 'My company',
    adminName: values.name ?? values.email.split('@')[0] ?? 'Admin',
    email: values.email,
    password: values.password,
    apiToken: values['api-token'],
  });
  console.log(`Created the admin ${values.email}.\nAPI token (shown once): ${apiToken}`);
  await database.close();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
