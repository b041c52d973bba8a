import { beforeAll } from 'vitest';
import { registerJobHandlers } from '../src/background.ts';
import { setPasswordCostForTests } from '../src/modules/users/passwords.ts';
import { testApp } from './helpers/app.ts';

// Suites make hundreds of accounts with passwords: hash them at a low cost (production's cost is
// tested on its own in passwords.test.ts).
setPasswordCostForTests({ N: 2 ** 10, r: 8, p: 1 });

// Start the worker's database and app once, before the first test of each file (cached across files):
// migrating the embedded database takes seconds, which must not count against a test's timeout.
beforeAll(async () => {
  await testApp();
}, 120_000);

// As an app node does where it starts its worker: the job handlers, registered explicitly.
registerJobHandlers();
