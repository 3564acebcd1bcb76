import type {
  Asset,
  Constituency,
  ConstituencySummary,
  Contact,
  Criticality,
} from '#contracts/constituencies.ts';
import type { Scope } from '#contracts/identity.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { ConstituenciesTable } from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';
import type { OwnedAsset } from './constituency-matcher.ts';

// Rows per INSERT: well inside SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 1000;

type Row = ConstituenciesTable;

const toSummary = (row: Row, assetCount: number, contactCount: number): ConstituencySummary => ({
  id: row.id,
  name: row.name,
  criticality: row.criticality as Criticality,
  description: row.description,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  assetCount,
  contactCount,
});

export function createConstituencyStore(search: SearchIndex) {
  /** Restricts a query on `constituencies` to what the scope may see. */
  const scoped = (scope: Scope) => (q: Queryable) => {
    let query = q.selectFrom('constituencies').selectAll();
    if (scope.constituencies !== null)
      query = query.where('id', 'in', scope.constituencies.length ? scope.constituencies : ['']);
    return query;
  };

  async function list(
    q: Queryable,
    scope: Scope,
    filter: { q?: string | undefined },
  ): Promise<ConstituencySummary[]> {
    let query = scoped(scope)(q).orderBy('name');
    if (filter.q) query = query.where('id', 'in', search.matching('constituency', filter.q));
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const count = async (table: 'constituency_assets' | 'constituency_contacts') =>
      new Map(
        (
          await q
            .selectFrom(table)
            .select(['constituency_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('constituency_id', 'in', ids)
            .groupBy('constituency_id')
            .execute()
        ).map((r) => [r.constituency_id, Number(r.n)]),
      );
    const [assets, contacts] = await Promise.all([
      count('constituency_assets'),
      count('constituency_contacts'),
    ]);
    return rows.map((r) => toSummary(r, assets.get(r.id) ?? 0, contacts.get(r.id) ?? 0));
  }

  async function get(q: Queryable, scope: Scope, id: string): Promise<Constituency | undefined> {
    const row = await scoped(scope)(q).where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const assets = await q
      .selectFrom('constituency_assets')
      .select(['kind', 'value'])
      .where('constituency_id', '=', id)
      .orderBy('position')
      .execute();
    const contacts = await q
      .selectFrom('constituency_contacts')
      .selectAll()
      .where('constituency_id', '=', id)
      .orderBy('position')
      .execute();
    const { assetCount: _a, contactCount: _c, ...summary } = toSummary(row, 0, 0);
    return {
      ...summary,
      assets: assets as Asset[],
      contacts: contacts.map((c) => ({
        name: c.name,
        role: c.role,
        email: c.email,
        language: c.language,
        audience: c.audience as Contact['audience'],
        pgpKey: c.pgp_key,
        mayDisclose: c.may_disclose === 1,
      })),
    };
  }

  async function byName(q: Queryable, name: string): Promise<{ id: string } | undefined> {
    return q.selectFrom('constituencies').select('id').where('name', '=', name).executeTakeFirst();
  }

  /** Writes the whole constituency: the row, and its assets and contacts replaced. */
  async function save(q: Queryable, c: Constituency, isNew: boolean): Promise<void> {
    const row: Row = {
      id: c.id,
      name: c.name,
      criticality: c.criticality,
      description: c.description,
      version: c.version,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    };
    if (isNew) await q.insertInto('constituencies').values(row).execute();
    else await q.updateTable('constituencies').set(row).where('id', '=', c.id).execute();
    await q.deleteFrom('constituency_assets').where('constituency_id', '=', c.id).execute();
    await q.deleteFrom('constituency_contacts').where('constituency_id', '=', c.id).execute();
    for (let i = 0; i < c.assets.length; i += CHUNK) {
      const chunk = c.assets
        .slice(i, i + CHUNK)
        .map((a, j) => ({ constituency_id: c.id, kind: a.kind, value: a.value, position: i + j }));
      await q.insertInto('constituency_assets').values(chunk).execute();
    }
    if (c.contacts.length) {
      await q
        .insertInto('constituency_contacts')
        .values(
          c.contacts.map((k, position) => ({
            constituency_id: c.id,
            position,
            name: k.name,
            role: k.role,
            email: k.email,
            language: k.language,
            audience: k.audience,
            pgp_key: k.pgpKey,
            may_disclose: k.mayDisclose ? 1 : 0,
          })),
        )
        .execute();
    }
    const keywords = c.assets
      .filter((a) => a.kind !== 'cidr')
      .slice(0, 200)
      .map((a) => a.value);
    await search.put(
      q,
      'constituency',
      c.id,
      [c.name, c.description, ...keywords, ...c.contacts.map((k) => `${k.name} ${k.email}`)].join(' '),
    );
  }

  async function remove(q: Queryable, id: string): Promise<void> {
    await q.deleteFrom('constituencies').where('id', '=', id).execute();
    await search.remove(q, 'constituency', id);
  }

  /** Every asset of every constituency, for the matcher (internal: not scoped). */
  async function allAssets(q: Queryable): Promise<OwnedAsset[]> {
    const rows = await q
      .selectFrom('constituency_assets')
      .select(['constituency_id', 'kind', 'value'])
      .execute();
    return rows.map((r) => ({
      constituencyId: r.constituency_id,
      kind: r.kind as Asset['kind'],
      value: r.value,
    }));
  }

  async function names(
    q: Queryable,
    ids: string[],
  ): Promise<Map<string, { id: string; name: string; criticality: Criticality }>> {
    if (ids.length === 0) return new Map();
    const rows = await q
      .selectFrom('constituencies')
      .select(['id', 'name', 'criticality'])
      .where('id', 'in', ids)
      .execute();
    return new Map(
      rows.map((r) => [r.id, { id: r.id, name: r.name, criticality: r.criticality as Criticality }]),
    );
  }

  return { list, get, byName, save, remove, allAssets, names };
}

export type ConstituencyStore = ReturnType<typeof createConstituencyStore>;
