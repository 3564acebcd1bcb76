import { randomUUID } from 'node:crypto';
import type {
  Constituency,
  ConstituencyInput,
  ConstituencySummary,
  ConstituencyUpdate,
  MatchResult,
} from '#contracts/constituencies.ts';
import type { ExtractedObservable } from '#contracts/observables.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { constituencyAllowed, requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Queryable } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import { extractObservables, hostCandidates } from '../observables/index.ts';
import { ConstituencyMatcher, type Match } from './constituency-matcher.ts';
import { normaliseAssets } from './constituency.rules.ts';
import type { ConstituencyStore } from './constituency.store.ts';

export const CONSTITUENCY_CHANGED = 'constituency.changed';

export interface ConstituencyServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: ConstituencyStore;
  now: () => Date;
}

export function createConstituencyService({ handle, audit, events, store, now }: ConstituencyServiceDeps) {
  const { db } = handle;
  let matcher: Promise<ConstituencyMatcher> | undefined;
  // Any node's change (the event arrives through LISTEN/NOTIFY on PostgreSQL) rebuilds the matcher lazily.
  events.subscribe((e) => {
    if (e.type === CONSTITUENCY_CHANGED) matcher = undefined;
  });
  const currentMatcher = () =>
    (matcher ??= store.allAssets(db).then((assets) => new ConstituencyMatcher(assets)));

  function list(actor: Actor, filter: { q?: string | undefined } = {}): Promise<ConstituencySummary[]> {
    return store.list(db, actor.scope, filter);
  }

  async function get(actor: Actor, id: string): Promise<Constituency> {
    const found = await store.get(db, actor.scope, id);
    if (!found) throw notFound('Constituency');
    return found;
  }

  function checkAssets(input: Pick<ConstituencyInput, 'assets'>) {
    const { assets, issues } = normaliseAssets(input.assets);
    if (issues.length) throw invalid('invalid_assets', 'Some assets are not valid for their kind', issues);
    return assets;
  }

  async function create(actor: Actor, input: ConstituencyInput): Promise<Constituency> {
    requireRole(actor, 'admin');
    const assets = checkAssets(input);
    return transaction(db, async (tx, onCommit) => {
      if (await store.byName(tx, input.name))
        throw conflict('constituency_name_taken', `A constituency named ${input.name} exists`);
      const at = now().toISOString();
      const c: Constituency = {
        id: randomUUID(),
        ...input,
        assets,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      await store.save(tx, c, true);
      await audit.record(tx, actor, {
        action: 'constituency.created',
        targetType: 'constituency',
        targetId: c.id,
        data: summary(c),
      });
      onCommit(changed(c.id));
      return c;
    });
  }

  async function update(actor: Actor, id: string, input: ConstituencyUpdate): Promise<Constituency> {
    requireRole(actor, 'admin');
    const assets = input.assets ? checkAssets({ assets: input.assets }) : undefined;
    return transaction(db, async (tx, onCommit) => {
      const before = await store.get(tx, actor.scope, id);
      if (!before) throw notFound('Constituency');
      // A stale edit is refused with what is current, so nobody overwrites a colleague's change unseen.
      if (before.version !== input.version) {
        throw conflict(
          'stale_version',
          `This constituency was changed (version ${before.version}) since you loaded version ${input.version}`,
          { current: before },
        );
      }
      if (input.name && input.name !== before.name && (await store.byName(tx, input.name))) {
        throw conflict('constituency_name_taken', `A constituency named ${input.name} exists`);
      }
      const { version: _v, ...changes } = input;
      const after: Constituency = {
        ...before,
        ...changes,
        ...(assets ? { assets } : {}),
        version: before.version + 1,
        updatedAt: now().toISOString(),
      };
      await store.save(tx, after, false);
      await audit.record(tx, actor, {
        action: 'constituency.updated',
        targetType: 'constituency',
        targetId: id,
        data: { before: summary(before), after: summary(after) },
      });
      onCommit(changed(id));
      return after;
    });
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(db, async (tx, onCommit) => {
      const before = await store.get(tx, actor.scope, id);
      if (!before) throw notFound('Constituency');
      await store.remove(tx, id);
      await audit.record(tx, actor, {
        action: 'constituency.deleted',
        targetType: 'constituency',
        targetId: id,
        data: summary(before),
      });
      onCommit(changed(id));
    });
  }

  /** Which constituency owns a value (IP, domain, URL, e-mail, ASN); nothing outside the actor's scope. */
  async function match(actor: Actor, value: string): Promise<MatchResult> {
    return describe(actor, await matchText(value));
  }

  /** For other features (reports, alerts): the best match for free text, unscoped. */
  async function matchText(text: string): Promise<Match | null> {
    const hosts = hostCandidates(text).map((value): ExtractedObservable => ({ type: 'domain', value }));
    return (await currentMatcher()).matchAll([...extractObservables(text), ...hosts]).best;
  }

  /** For other features: the best match for observables already extracted, unscoped. */
  async function matchObservables(observables: ExtractedObservable[]): Promise<Match | null> {
    return (await currentMatcher()).matchAll(observables).best;
  }

  async function describe(actor: Actor, best: Match | null): Promise<MatchResult> {
    if (!best || !constituencyAllowed(actor.scope, best.constituencyId))
      return { constituency: null, matchedBy: null };
    const c = (await store.names(db, [best.constituencyId])).get(best.constituencyId);
    return c ? { constituency: c, matchedBy: best.asset } : { constituency: null, matchedBy: null };
  }

  /** Name and criticality of a constituency the actor may see, read inside the caller's transaction. */
  async function summaryIn(q: Queryable, actor: Actor, id: string) {
    if (!constituencyAllowed(actor.scope, id)) return undefined;
    return (await store.names(q, [id])).get(id);
  }

  function changed(id: string) {
    return async () => {
      matcher = undefined;
      await events.publish({ type: CONSTITUENCY_CHANGED, data: { id }, audience: { constituencyId: id } });
    };
  }

  return { list, get, create, update, remove, match, matchText, matchObservables, summaryIn };
}

/** What the audit keeps of a constituency: not 50,000 netblocks, but enough to see what changed. */
function summary(c: Constituency) {
  return {
    name: c.name,
    criticality: c.criticality,
    assets: c.assets.length,
    contacts: c.contacts.map((k) => k.email),
  };
}

export type ConstituencyService = ReturnType<typeof createConstituencyService>;
