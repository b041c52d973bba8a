import { beforeAll } from 'vitest';
import { registerJobHandlers } from '../src/background.ts';
import { testApp } from './helpers/app.ts';

// Start the worker's database and app once, before the first test of each file (cached across files):
// migrating the embedded database takes seconds, which must not count against a test's timeout.
beforeAll(async () => {
  await testApp();
}, 120_000);

// As an app node does where it starts its worker: the job handlers, registered explicitly.
registerJobHandlers();
