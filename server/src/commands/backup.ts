import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { loadConfig } from '../platform/config/config.ts';
import { CommandError } from './context.ts';

const PG_HINT =
  'On PostgreSQL use its own tools: pg_dump -Fc -d "$FIREBREAK_DATABASE_URL" -f firebreak.dump, ' +
  'and pg_restore --clean -d "$FIREBREAK_DATABASE_URL" firebreak.dump to restore.';

function sqliteFile(): string {
  const config = loadConfig();
  if (config.databaseUrl) throw new CommandError(PG_HINT);
  return path.join(config.dataDir, 'firebreak.sqlite');
}

/** SQLite online backup: consistent while the server keeps running. */
export async function backupCommand(target: string): Promise<void> {
  const file = sqliteFile();
  if (!existsSync(file)) throw new CommandError(`No database at ${file}`);
  if (existsSync(target)) throw new CommandError(`${target} exists; choose a new file name`);
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
  console.log(`Backed up ${file} to ${target}`);
}

/** Replaces the database with a backup; the server must be stopped. */
export function restoreCommand(source: string, options: { force?: boolean }): void {
  const file = sqliteFile();
  if (!existsSync(source)) throw new CommandError(`No backup at ${source}`);
  checkBackup(source);
  if (existsSync(file) && !options.force)
    throw new CommandError(`${file} exists; stop the server and pass --force to replace it`);
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  copyFileSync(source, file);
  console.log(`Restored ${file} from ${source}`);
}

function checkBackup(source: string): void {
  let db: SqliteDatabase.Database | undefined;
  try {
    db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new CommandError(`${source} is damaged: ${String(integrity)}`);
    db.prepare('select count(*) from firebreak_migrations').get();
  } catch (err) {
    if (err instanceof CommandError) throw err;
    throw new CommandError(`${source} is not a Firebreak backup (${(err as Error).message})`);
  } finally {
    db?.close();
  }
}
