import type {
  SavedWebhookSource,
  WebhookAuth,
  WebhookSource,
  WebhookSourceUpdate,
} from '#contracts/webhooks.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import { randomSecret, sha256Hex } from '../../platform/crypto/secrets.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { notFound } from '../../platform/http/domain-error.ts';
import type { StoredWebhookSource, WebhookSourceStore } from './webhook-source.store.ts';

/** Prefix of webhook tokens: secret scanners find leaked ones, and they never pass for API tokens (`fbt_`). */
export const WEBHOOK_TOKEN_PREFIX = 'fbw_';

export interface WebhookSourceServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: WebhookSourceStore;
  now: () => Date;
}

/** What a source's credentials become: what is stored, and the secret to show once (null when kept or chosen). */
interface Credentials {
  auth: WebhookAuth;
  tokenHash: string | null;
  hmacSecret: string | null;
  secret: string | null;
}

/** Keeps the credentials a change does not touch; issues new ones on creation, a change of kind, or rotation. */
function credentialsFor(input: WebhookSourceUpdate['auth'], before?: StoredWebhookSource): Credentials {
  const had = before?.source.auth;
  if (input.kind === 'token') {
    if (had?.kind === 'token' && before?.tokenHash && !input.rotate)
      return { auth: had, tokenHash: before.tokenHash, hmacSecret: null, secret: null };
    const secret = WEBHOOK_TOKEN_PREFIX + randomSecret();
    return {
      auth: { kind: 'token', tokenPrefix: secret.slice(0, WEBHOOK_TOKEN_PREFIX.length + 6) },
      tokenHash: sha256Hex(secret),
      hmacSecret: null,
      secret,
    };
  }
  const auth: WebhookAuth = { kind: 'hmac', header: input.header, prefix: input.prefix };
  if (input.secret) return { auth, tokenHash: null, hmacSecret: input.secret, secret: null };
  if (had?.kind === 'hmac' && before?.hmacSecret && !input.rotate)
    return { auth, tokenHash: null, hmacSecret: before.hmacSecret, secret: null };
  const secret = randomSecret();
  return { auth, tokenHash: null, hmacSecret: secret, secret };
}

/** What the audit log keeps of a source: everything but secrets. */
const audited = (s: WebhookSource) => ({ mapping: s.mapping, auth: s.auth, fingerprint: s.fingerprint });

/** Generic webhook sources (admins): each one's field mapping and credentials. */
export function createWebhookSourceService({ handle, audit, store, now }: WebhookSourceServiceDeps) {
  const { db } = handle;

  async function list(actor: Actor): Promise<WebhookSource[]> {
    requireRole(actor, 'admin');
    return store.list(db);
  }

  /** Creates or replaces a source; a new token or generated secret is in the answer, and only there. */
  async function save(actor: Actor, name: string, input: WebhookSourceUpdate): Promise<SavedWebhookSource> {
    requireRole(actor, 'admin');
    return transaction(db, async (tx) => {
      const before = await store.get(tx, name);
      const { auth, tokenHash, hmacSecret, secret } = credentialsFor(input.auth, before);
      const at = now().toISOString();
      const source: WebhookSource = {
        source: name,
        mapping: input.mapping,
        auth,
        fingerprint: input.fingerprint,
        createdAt: before?.source.createdAt ?? at,
        updatedAt: at,
        updatedBy: actor.label,
      };
      await store.save(tx, { source, tokenHash, hmacSecret }, before !== undefined);
      await audit.record(tx, actor, {
        action: before ? 'webhook_source.changed' : 'webhook_source.created',
        targetType: 'webhook_source',
        targetId: name,
        data: {
          ...(before ? { before: audited(before.source) } : {}),
          after: audited(source),
          secretIssued: secret !== null,
        },
      });
      return { ...source, secret };
    });
  }

  async function remove(actor: Actor, name: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(db, async (tx) => {
      const before = await store.get(tx, name);
      if (!before || !(await store.remove(tx, name))) throw notFound(`The webhook source ${name}`);
      await audit.record(tx, actor, {
        action: 'webhook_source.deleted',
        targetType: 'webhook_source',
        targetId: name,
        data: { before: audited(before.source) },
      });
    });
  }

  /** The source with its credentials, for checking a post; read per post, so a change applies at once. */
  function forSource(name: string): Promise<StoredWebhookSource | undefined> {
    return store.get(db, name);
  }

  return { list, save, remove, forSource };
}

export type WebhookSourceService = ReturnType<typeof createWebhookSourceService>;
