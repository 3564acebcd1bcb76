import type { Me } from '#contracts/identity.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { randomSecret, sha256Hex } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { unauthenticated } from '../../platform/http/domain-error.ts';
import type { Authenticated } from '../../platform/http/auth.ts';
import { verifyPassword } from '../users/password.ts';
import { publicUser, toUser, type UserStore } from '../users/users.store.ts';

export interface SessionServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  users: UserStore;
  ttlHours: number;
  now: () => Date;
}

// Touch last_seen_at at most this often: a write per request would serialise SQLite for nothing.
const TOUCH_EVERY_MS = 60_000;

export function userActor(
  user: { id: string; email: string; role: Actor['role']; scope: Actor['scope'] },
  via: Actor['via'],
): Actor {
  return { kind: 'user', id: user.id, label: user.email, role: user.role, scope: user.scope, via };
}

export function createSessionService({ handle, audit, users, ttlHours, now }: SessionServiceDeps) {
  const { db } = handle;

  async function login(email: string, password: string, meta: { ip: string; userAgent: string | undefined }) {
    const user = await users.byEmail(db, email);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok || user.disabled) {
      await db.transaction().execute((tx) =>
        audit.record(tx, systemActor('login'), {
          action: 'session.failed',
          targetType: 'user',
          targetId: user?.id ?? null,
          data: { email: email.toLowerCase(), ip: meta.ip },
        }),
      );
      throw unauthenticated('E-mail or password is wrong, or the account is disabled');
    }
    const token = randomSecret();
    const csrfToken = randomSecret(24);
    const at = now();
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('sessions')
        .values({
          id_hash: sha256Hex(token),
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: at.toISOString(),
          expires_at: new Date(at.getTime() + ttlHours * 3_600_000).toISOString(),
          last_seen_at: at.toISOString(),
          user_agent: meta.userAgent?.slice(0, 300) ?? null,
          ip: meta.ip,
        })
        .execute();
      await audit.record(tx, userActor(user, 'session'), {
        action: 'session.created',
        targetType: 'user',
        targetId: user.id,
        data: { ip: meta.ip },
      });
    });
    const me: Me = { user: publicUser(user), csrfToken, via: 'session' };
    return { token, me, maxAgeSeconds: ttlHours * 3600 };
  }

  async function authenticate(token: string): Promise<Authenticated | null> {
    const idHash = sha256Hex(token);
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.csrf_token', 'sessions.last_seen_at', 'sessions.expires_at'])
      .where('sessions.id_hash', '=', idHash)
      .executeTakeFirst();
    const at = now();
    if (!row || row.disabled_at !== null || new Date(row.expires_at) <= at) return null;
    if (at.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_EVERY_MS) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: at.toISOString() })
        .where('id_hash', '=', idHash)
        .execute();
    }
    return { actor: userActor(toUser(row), 'session'), csrfToken: row.csrf_token };
  }

  async function logout(actor: Actor, token: string): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('sessions').where('id_hash', '=', sha256Hex(token)).execute();
      await audit.record(tx, actor, { action: 'session.ended', targetType: 'user', targetId: actor.id });
    });
  }

  async function me(actor: Actor, csrfToken: string | null): Promise<Me> {
    const user = actor.id ? await users.byId(db, actor.id) : undefined;
    if (!user) throw unauthenticated();
    return { user: publicUser(user), csrfToken, via: actor.via === 'token' ? 'token' : 'session' };
  }

  /** Removes expired sessions (run by a scheduled job). */
  async function purgeExpired(): Promise<number> {
    const result = await db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return { login, authenticate, logout, me, purgeExpired };
}

export type SessionService = ReturnType<typeof createSessionService>;
