import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './database.ts';

/** A migration that knows which dialect it runs on; written with the Kysely schema builder. */
export interface FirebreakMigration {
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
  down(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

/** Column types that differ between the dialects. */
export const columnTypes = (dialect: Dialect) => ({
  timestamp: dialect === 'postgres' ? ('timestamptz' as const) : ('text' as const),
  /** Auto-incrementing integer key. */
  serial: dialect === 'postgres' ? sql`bigserial` : ('integer' as const),
});

export class StaticMigrationProvider implements MigrationProvider {
  constructor(
    private readonly migrations: Record<string, FirebreakMigration>,
    private readonly dialect: Dialect,
  ) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, m] of Object.entries(this.migrations)) {
      out[name] = { up: (db) => m.up(db, this.dialect), down: (db) => m.down(db, this.dialect) };
    }
    return Promise.resolve(out);
  }
}
