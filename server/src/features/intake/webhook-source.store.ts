import { WebhookMapping, type WebhookSource } from '#contracts/webhooks.ts';
import type { FingerprintRuleUpdate } from '#contracts/telemetry.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { WebhookSourcesTable } from '../../platform/db/schema.ts';

/** A source as stored: what the admin API shows, plus what checking a post needs. */
export interface StoredWebhookSource {
  source: WebhookSource;
  tokenHash: string | null;
  hmacSecret: string | null;
}

const toSource = (r: WebhookSourcesTable): StoredWebhookSource => ({
  source: {
    source: r.source,
    // Parsed, so a mapping saved before a setting existed reads with its default.
    mapping: WebhookMapping.parse(JSON.parse(r.mapping)),
    auth:
      r.auth_kind === 'token'
        ? { kind: 'token', tokenPrefix: r.token_prefix ?? '' }
        : { kind: 'hmac', header: r.hmac_header ?? '', prefix: r.hmac_prefix ?? '' },
    fingerprint: r.fingerprint ? (JSON.parse(r.fingerprint) as FingerprintRuleUpdate) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  },
  tokenHash: r.token_hash,
  hmacSecret: r.hmac_secret,
});

const toRow = ({ source: s, tokenHash, hmacSecret }: StoredWebhookSource): WebhookSourcesTable => ({
  source: s.source,
  mapping: JSON.stringify(s.mapping),
  auth_kind: s.auth.kind,
  token_hash: s.auth.kind === 'token' ? tokenHash : null,
  token_prefix: s.auth.kind === 'token' ? s.auth.tokenPrefix : null,
  hmac_header: s.auth.kind === 'hmac' ? s.auth.header : null,
  hmac_prefix: s.auth.kind === 'hmac' ? s.auth.prefix : null,
  hmac_secret: s.auth.kind === 'hmac' ? hmacSecret : null,
  fingerprint: s.fingerprint ? JSON.stringify(s.fingerprint) : null,
  created_at: s.createdAt,
  updated_at: s.updatedAt,
  updated_by: s.updatedBy,
});

export function createWebhookSourceStore() {
  async function list(q: Queryable): Promise<WebhookSource[]> {
    const rows = await q.selectFrom('webhook_sources').selectAll().orderBy('source').execute();
    return rows.map((r) => toSource(r).source);
  }

  async function get(q: Queryable, source: string): Promise<StoredWebhookSource | undefined> {
    const row = await q
      .selectFrom('webhook_sources')
      .selectAll()
      .where('source', '=', source)
      .executeTakeFirst();
    return row ? toSource(row) : undefined;
  }

  async function save(q: Queryable, stored: StoredWebhookSource, exists: boolean): Promise<void> {
    const row = toRow(stored);
    if (exists) await q.updateTable('webhook_sources').set(row).where('source', '=', row.source).execute();
    else await q.insertInto('webhook_sources').values(row).execute();
  }

  async function remove(q: Queryable, source: string): Promise<boolean> {
    const result = await q.deleteFrom('webhook_sources').where('source', '=', source).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  return { list, get, save, remove };
}

export type WebhookSourceStore = ReturnType<typeof createWebhookSourceStore>;
