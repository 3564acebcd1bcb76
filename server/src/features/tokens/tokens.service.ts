import { randomUUID } from 'node:crypto';
import type { ApiToken, CreateToken, CreatedToken } from '#contracts/identity.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import { randomSecret, sha256Hex } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events/index.ts';
import type { ApiTokensTable } from '../../platform/db/schema.ts';
import { forbidden, notFound } from '../../platform/http/domain-error.ts';
import type { Authenticated } from '../../platform/http/auth.ts';
import { userActor } from '../sessions/sessions.service.ts';
import { toUser, type UserStore } from '../users/users.store.ts';

/** Prefix that makes leaked tokens easy to find with secret scanners. */
export const TOKEN_PREFIX = 'fbt_';
const TOUCH_EVERY_MS = 60_000;
/**
 * How long a bearer token's actor is reused without reading the database (ingest sends thousands of
 * requests a second with one token). Revoking on this node and any user change (disable, role,
 * scope) clear the cache at once; revocation elsewhere (another node, the CLI) takes at most this long.
 */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

const toToken = (row: ApiTokensTable): ApiToken => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export interface TokenServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: Pick<EventBus, 'subscribe'>;
  users: UserStore;
  now: () => Date;
}

export function createTokenService({ handle, audit, events, users, now }: TokenServiceDeps) {
  const { db } = handle;
  // Only tokens that authenticated are kept, so unknown secrets cannot fill it.
  const cache = new Map<string, { tokenId: string; auth: Authenticated; until: number }>();
  events.subscribe((event) => {
    if (event.type === 'user.changed') cache.clear();
  });

  /** Admins manage anyone's tokens; everyone else only their own. */
  function ownerFor(actor: Actor, userId: string | undefined): string {
    const owner = userId ?? actor.id;
    if (!owner) throw forbidden('The system has no tokens of its own; name a user');
    if (owner !== actor.id && !hasRole(actor, 'admin'))
      throw forbidden('Only admins manage other users’ tokens');
    return owner;
  }

  async function create(actor: Actor, input: CreateToken): Promise<CreatedToken> {
    const userId = ownerFor(actor, input.userId);
    const secret = TOKEN_PREFIX + randomSecret();
    const at = now();
    const row: ApiTokensTable = {
      id: randomUUID(),
      user_id: userId,
      name: input.name,
      token_hash: sha256Hex(secret),
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      created_at: at.toISOString(),
      expires_at: input.expiresInDays
        ? new Date(at.getTime() + input.expiresInDays * 86_400_000).toISOString()
        : null,
      last_used_at: null,
      revoked_at: null,
    };
    await db.transaction().execute(async (tx) => {
      if (!(await users.byId(tx, userId))) throw notFound('User');
      await tx.insertInto('api_tokens').values(row).execute();
      await audit.record(tx, actor, {
        action: 'token.created',
        targetType: 'api_token',
        targetId: row.id,
        data: { userId, name: row.name, prefix: row.prefix, expiresAt: row.expires_at },
      });
    });
    return { token: toToken(row), secret };
  }

  async function list(actor: Actor, userId?: string): Promise<ApiToken[]> {
    const owner = ownerFor(actor, userId);
    const rows = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', owner)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toToken);
  }

  async function revoke(actor: Actor, id: string): Promise<void> {
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      // Someone else's token is "not found", not "forbidden": ids do not leak.
      if (!row || (row.user_id !== actor.id && !hasRole(actor, 'admin'))) throw notFound('API token');
      if (row.revoked_at) return;
      for (const [hash, entry] of cache) if (entry.tokenId === id) cache.delete(hash);
      await tx
        .updateTable('api_tokens')
        .set({ revoked_at: now().toISOString() })
        .where('id', '=', id)
        .execute();
      await audit.record(tx, actor, {
        action: 'token.revoked',
        targetType: 'api_token',
        targetId: id,
        data: { userId: row.user_id, name: row.name },
      });
    });
  }

  async function authenticate(secret: string): Promise<Authenticated | null> {
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const hash = sha256Hex(secret);
    const at = now();
    const cached = cache.get(hash);
    if (cached && cached.until > at.getTime()) return cached.auth;
    cache.delete(hash);
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select([
        'api_tokens.id as token_id',
        'api_tokens.revoked_at',
        'api_tokens.expires_at',
        'api_tokens.last_used_at',
      ])
      .where('api_tokens.token_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.revoked_at || row.disabled_at) return null;
    if (row.expires_at && new Date(row.expires_at) <= at) return null;
    if (!row.last_used_at || at.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: at.toISOString() })
        .where('id', '=', row.token_id)
        .execute();
    }
    const auth = { actor: userActor(toUser(row), 'token'), csrfToken: null };
    const expires = row.expires_at ? new Date(row.expires_at).getTime() : Infinity;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(hash, { tokenId: row.token_id, auth, until: Math.min(at.getTime() + CACHE_MS, expires) });
    return auth;
  }

  return { create, list, revoke, authenticate };
}

export type TokenService = ReturnType<typeof createTokenService>;
