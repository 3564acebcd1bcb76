import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { DatabaseHandle } from './database.ts';
import { StaticMigrationProvider } from './migration.ts';

function migrator(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: new StaticMigrationProvider(migrations, handle.dialect),
    migrationTableName: 'firebreak_migrations',
    migrationLockTableName: 'firebreak_migrations_lock',
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  return unwrap(await migrator(handle).migrateToLatest());
}

/** Rolls back one migration; returns its name (empty when none is applied). */
export async function migrateDown(handle: DatabaseHandle): Promise<string[]> {
  return unwrap(await migrator(handle).migrateDown());
}

export async function listMigrations(handle: DatabaseHandle): Promise<{ name: string; executedAt?: Date }[]> {
  const all = await migrator(handle).getMigrations();
  return all.map((m) => ({ name: m.name, ...(m.executedAt ? { executedAt: m.executedAt } : {}) }));
}
