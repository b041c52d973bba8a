import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandling } from './error-handler.ts';

/** A driver error as Drizzle wraps it: the SQLSTATE and the database's words on the cause. */
function dbError(code: string, message: string, constraint?: string) {
  const cause = Object.assign(new Error(message), { code, ...(constraint ? { constraint } : {}) });
  return Object.assign(new Error(`Failed query: insert into "persons" ... params: secret`), { cause });
}

async function answerTo(err: Error) {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  app.get('/boom', async () => {
    throw err;
  });
  const res = await app.inject({ url: '/boom' });
  await app.close();
  return { status: res.statusCode, body: res.json() };
}

describe('database errors reach the caller as a generic message with an error id', () => {
  it.each([
    ['22P05', 'unsupported Unicode escape sequence', 400, 'validation_failed'],
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00', 400, 'validation_failed'],
    ['23505', 'duplicate key value violates unique constraint "x_uq"', 409, 'conflict'],
    ['23503', 'insert or update on table "deals" violates foreign key constraint', 409, 'conflict'],
    ['40P01', 'deadlock detected on relation persons', 409, 'conflict'],
    ['XX000', 'internal error in table persons', 500, 'internal'],
  ])('SQLSTATE %s', async (code, message, status, errorCode) => {
    const res = await answerTo(dbError(code, message));
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, code: errorCode, data: null, additional_data: null });
    expect(res.body.error_id).toMatch(/^[0-9a-f]{16}$/);
    expect(res.body.error).toContain(res.body.error_id);
    expect(res.body.error).not.toContain(message);
    expect(res.body.error).not.toMatch(/persons|secret|Failed query/);
  });

  it('names the field of a known unique index', async () => {
    const res = await answerTo(dbError('23505', 'duplicate key', 'users_email_uq'));
    expect(res.status).toBe(409);
    expect(res.body.error).toContain('email');
  });
});
