import { sql, type SqlBool } from 'kysely';
import type { Blocklist, ExtractedObservable } from '#contracts/observables.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { ObservableBlocklistsTable } from '../../platform/db/schema.ts';
import type { BlocklistEntry, BlocklistProbe } from './observable-blocklist.rules.ts';

// 5 columns a row: 1,000 rows bind 5,000 parameters.
const ROWS_PER_INSERT = 1000;

/** A listed entry that matched an observable, and the list it is on. */
export interface BlocklistHit {
  list: string;
  entry: ExtractedObservable;
}

const toBlocklist = (r: ObservableBlocklistsTable): Blocklist => ({
  id: r.id,
  name: r.name,
  description: r.description,
  entryCount: r.entry_count,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export function createBlocklistStore() {
  async function list(q: Queryable): Promise<Blocklist[]> {
    const rows = await q.selectFrom('observable_blocklists').selectAll().orderBy('name').execute();
    return rows.map(toBlocklist);
  }

  async function get(q: Queryable, id: string): Promise<Blocklist | undefined> {
    const row = await q
      .selectFrom('observable_blocklists')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toBlocklist(row);
  }

  async function nameTaken(q: Queryable, name: string, exceptId: string | null): Promise<boolean> {
    const row = await q
      .selectFrom('observable_blocklists')
      .select('id')
      .where('name', '=', name)
      .executeTakeFirst();
    return !!row && row.id !== exceptId;
  }

  /** Writes the list and replaces all its entries. */
  async function save(
    q: Queryable,
    row: ObservableBlocklistsTable,
    entries: BlocklistEntry[],
  ): Promise<void> {
    await q
      .insertInto('observable_blocklists')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: row.name,
          description: row.description,
          entry_count: row.entry_count,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
    await q.deleteFrom('observable_blocklist_entries').where('list_id', '=', row.id).execute();
    for (let i = 0; i < entries.length; i += ROWS_PER_INSERT) {
      await q
        .insertInto('observable_blocklist_entries')
        .values(
          entries.slice(i, i + ROWS_PER_INSERT).map((e) => ({
            list_id: row.id,
            type: e.type,
            value: e.value,
            range_start: e.rangeStart,
            range_end: e.rangeEnd,
          })),
        )
        .execute();
    }
    await forgetResults(q);
  }

  async function remove(q: Queryable, id: string): Promise<void> {
    await q.deleteFrom('observable_blocklist_entries').where('list_id', '=', id).execute();
    await q.deleteFrom('observable_blocklists').where('id', '=', id).execute();
    await forgetResults(q);
  }

  /** A changed list makes every cached blocklist verdict stale at once, not after its TTL. */
  async function forgetResults(q: Queryable): Promise<void> {
    await q.deleteFrom('observable_enrichments').where('analyzer', '=', 'blocklist').execute();
  }

  /** Entries listing the observable: exact ones, and netblocks (or IPs) containing its address range. */
  async function lookup(q: Queryable, probe: BlocklistProbe): Promise<BlocklistHit[]> {
    const rows = await q
      .selectFrom('observable_blocklist_entries as e')
      .innerJoin('observable_blocklists as l', 'l.id', 'e.list_id')
      .select(['l.name', 'e.type', 'e.value'])
      .where((eb) => {
        const any = probe.exact.map((o) => eb.and([eb('e.type', '=', o.type), eb('e.value', '=', o.value)]));
        if (probe.range)
          any.push(
            eb.and([eb('e.range_start', 'in', probe.range.starts), eb('e.range_end', '>=', probe.range.end)]),
          );
        return any.length ? eb.or(any) : sql<SqlBool>`1 = 0`;
      })
      .orderBy('l.name')
      .orderBy('e.value')
      .execute();
    return rows.map((r) => ({
      list: r.name,
      entry: { type: r.type as ExtractedObservable['type'], value: r.value },
    }));
  }

  async function count(q: Queryable): Promise<number> {
    const row = await q
      .selectFrom('observable_blocklists')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  return { list, get, nameTaken, save, remove, lookup, count };
}

export type BlocklistStore = ReturnType<typeof createBlocklistStore>;
