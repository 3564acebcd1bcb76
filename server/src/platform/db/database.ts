import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the root handle or an open transaction: stores accept both. */
export type Queryable = Db | Tx;

/** An open database with its dialect; the one object every store and service receives. */
export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL connection string when the dialect is postgres (LISTEN/NOTIFY needs its own client). */
  url?: string;
  /** SQLite file path when the dialect is sqlite. */
  file?: string;
  close(): Promise<void>;
}

// timestamptz → ISO string, so both dialects hand the same shape to the code above.
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
// int8 (count(*), bigserial) → number; our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface OpenOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Create the PostgreSQL database when it is missing (default true). */
  createMissing?: boolean;
  /** Called when an idle pooled PostgreSQL connection dies (server restart, network); the pool reconnects. */
  onIdleError?: (err: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  mkdirSync(options.dataDir, { recursive: true });
  return openSqlite(path.join(options.dataDir, 'firebreak.sqlite'));
}

export function openSqlite(file: string): DatabaseHandle {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: every commit is on disk before it is acknowledged (NORMAL in WAL mode can lose the last
  // commits on power loss). Ingest groups its commits, so the fsync is paid once per group.
  sqlite.pragma('synchronous = FULL');
  // Planner statistics for a long-lived connection, as SQLite recommends (PostgreSQL has autovacuum).
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const close = async () => {
    if (sqlite.open) sqlite.pragma('optimize');
    await db.destroy();
  };
  return { db, dialect: 'sqlite', file, close };
}

const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query afresh; with better-sqlite3 that preparation cost as much as running
 * the statements (profiled on report ingest). Statements are reusable, so keep the recent ones.
 */
function withStatementCache(sqlite: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      let statement = cache.get(query);
      if (statement) {
        // Least recently used first out: move it to the end.
        cache.delete(query);
      } else {
        statement = sqlite.prepare(query);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      cache.set(query, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  await ensurePostgresDatabase(url, options.createMissing ?? true);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Without a listener an idle client's error would crash the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', url, close: () => db.destroy() };
}

/** Creates the target database through the `postgres` maintenance database when it does not exist. */
async function ensurePostgresDatabase(url: string, createMissing: boolean): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`FIREBREAK_DATABASE_URL names no database: ${redactUrl(url)}`);
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000' || !createMissing) {
      throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`);
    }
  } finally {
    await probe.end().catch(() => undefined);
  }
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } catch (err) {
    throw new Error(
      `Database "${name}" does not exist and could not be created (${(err as Error).message}). ` +
        `Create it with: createdb -h ${target.hostname} -U ${target.username || 'postgres'} ${name}`,
    );
  } finally {
    await admin.end().catch(() => undefined);
  }
}

export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
