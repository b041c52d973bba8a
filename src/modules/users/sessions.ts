import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/context.ts';
import { hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { sessions, users } from './tables.ts';
import { hashToken } from './tokens.ts';

/** Sessions last 14 days from login. */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface SessionPrincipal extends Principal {
  csrfToken: string;
}

// A hash to verify against when the e-mail is unknown, so both answers take as long.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/**
 * The active user with this e-mail and password, or null. A password stored with older hashing
 * parameters is hashed again with the current ones once it has been verified.
 */
export async function checkPassword(db: Db, email: string, password: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  if (!user?.passwordHash || !user.activeFlag) {
    await verifyPassword(password, await dummy());
    return null;
  }
  const stored = user.passwordHash;
  if (!(await verifyPassword(password, stored))) return null;
  if (needsRehash(stored)) {
    const passwordHash = await hashPassword(password);
    // Only if no one changed the password meanwhile.
    await db
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, stored)));
    return { ...user, passwordHash };
  }
  return user;
}

export async function createSession(db: Db, user: { id: number; companyId: number }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    companyId: user.companyId,
    userId: user.id,
    csrfToken,
    expiresAt,
  });
  await db.update(users).set({ lastLogin: new Date() }).where(eq(users.id, user.id));
  // Expired sessions are dropped as new ones are made.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db, token: string): Promise<SessionPrincipal | null> {
  const [row] = await db
    .select({
      userId: users.id,
      companyId: users.companyId,
      isAdmin: users.isAdmin,
      active: users.activeFlag,
      csrf: sessions.csrfToken,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!row?.active) return null;
  return {
    userId: row.userId,
    companyId: row.companyId,
    isAdmin: row.isAdmin,
    via: 'session',
    csrfToken: row.csrf,
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
