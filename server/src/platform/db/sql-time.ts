import { sql, type RawBuilder } from 'kysely';
import type { Dialect } from './database.ts';

/**
 * Seconds from one timestamp column to another as a float (null when either is null). SQLite keeps
 * timestamps as ISO text, PostgreSQL as timestamptz; `extract` gives numeric, cast so pg returns a number.
 */
export function secondsBetween(dialect: Dialect, from: string, to: string): RawBuilder<number | null> {
  return dialect === 'postgres'
    ? sql<number | null>`extract(epoch from (${sql.ref(to)} - ${sql.ref(from)}))::float8`
    : sql<number | null>`(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 86400.0`;
}
