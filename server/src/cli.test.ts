import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from './platform/testing/test-database.ts';

const exec = promisify(execFile);
// Each case starts the CLI several times (about 2 s each on an idle machine, several under a loaded run).
const SPAWNING = 90_000;

describeEachDialect('firebreak CLI', (dialect) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase(dialect);
  });
  afterEach(() => db.drop());

  async function firebreak(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = {
      ...process.env,
      FIREBREAK_DATA_DIR: db.dataDir,
      FIREBREAK_DATABASE_URL: db.databaseUrl ?? '',
      FIREBREAK_LOG_LEVEL: 'silent',
    };
    try {
      const { stdout, stderr } = await exec('node', ['bin/firebreak.js', ...args], { env });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it(
    'adds, lists, disables users and verifies the audit chain; a tampered row fails verification by name',
    async () => {
      const added = await firebreak(
        'user',
        'add',
        'lead@example.test',
        '--role',
        'lead',
        '--name',
        'Lea Lead',
      );
      expect(added.code).toBe(0);
      expect(added.stdout).toMatch(/Created lead@example.test \(lead/);
      expect(added.stdout).toMatch(/Password: \S{12,}/);
      await firebreak('user', 'add', 'handler@example.test');
      expect((await firebreak('user', 'disable', 'handler@example.test')).code).toBe(0);
      const list = await firebreak('user', 'list');
      expect(list.stdout).toMatch(/handler@example.test\s+handler\s+disabled/);

      expect((await firebreak('audit', 'verify')).stdout).toContain(
        'Audit chain intact: 3 entries verified.',
      );
      await sql`UPDATE audit_events SET actor_label = 'someone-else' WHERE seq = 2`.execute(db.db);
      const broken = await firebreak('audit', 'verify');
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('Audit chain broken at entry 2: entry 2 was altered');
    },
    SPAWNING,
  );

  it(
    'explains bad input with a clear message and a non-zero exit',
    async () => {
      const badRole = await firebreak('user', 'add', 'x@example.test', '--role', 'chief');
      expect(badRole.code).toBe(1);
      expect(badRole.stderr).toContain('--role must be one of admin, lead, handler, viewer');
      const unknownUser = await firebreak('user', 'reset-password', 'ghost@example.test');
      expect(unknownUser.code).toBe(1);
      expect(unknownUser.stderr).toContain('User ghost@example.test was not found');
      const unknownCommand = await firebreak('frobnicate');
      expect(unknownCommand.code).not.toBe(0);
      expect(unknownCommand.stderr).toContain("unknown command 'frobnicate'");
      const help = await firebreak('user', 'add', '--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('--role <role>');
    },
    SPAWNING,
  );

  it(
    'creates and revokes API tokens',
    async () => {
      await firebreak('user', 'add', 'bot@example.test', '--role', 'viewer');
      const created = await firebreak('token', 'create', 'bot@example.test', '--name', 'siem');
      const id = /Token (\S+) for/.exec(created.stdout)?.[1];
      expect(created.stdout).toMatch(/^fbt_/m);
      expect((await firebreak('token', 'revoke', id!)).stdout).toContain(`Revoked token ${id}`);
    },
    SPAWNING,
  );

  it(
    'imports a Zeek log and e-mail files as reports, counting a repeat, and names a bad source or file',
    async () => {
      const samples = path.resolve('../shared/samples');
      const notice = path.join(samples, 'telemetry/zeek/corelight-agenttesla-notice.log');
      const first = await firebreak('import', 'telemetry', 'zeek', notice);
      expect(first).toMatchObject({ code: 0 });
      expect(first.stdout).toContain('1 events, 1 new reports, 0 repeated, 0 ignored, 0 errors');
      expect((await firebreak('import', 'telemetry', 'zeek', notice)).stdout).toContain('1 repeated');

      const dir = path.join(samples, 'email/phishing_pot');
      const mails = readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .slice(0, 2)
        .map((f) => path.join(dir, f));
      const imported = await firebreak('import', 'email', ...mails);
      expect(imported.code).toBe(0);
      expect(imported.stdout.trim().split('\n')).toHaveLength(2);
      expect(imported.stdout).toMatch(/\treports\t[0-9a-f-]{36}/);
      const rows = await db.db.selectFrom('reports').select(['channel', 'created_by']).execute();
      expect(rows.filter((r) => r.channel === 'email')).toHaveLength(2);
      expect(rows.find((r) => r.channel === 'email')!.created_by).toBe('system:email:cli');

      const unknown = await firebreak('import', 'telemetry', 'snort', notice);
      expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('not a telemetry source') });
      const missing = await firebreak('import', 'email', path.join(dir, 'nope.eml'));
      expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
    },
    SPAWNING,
  );

  it.runIf(dialect === 'sqlite')(
    'backs up online and restores the SQLite database',
    async () => {
      await firebreak('user', 'add', 'before@example.test');
      const file = path.join(db.dataDir, 'backup.sqlite');
      expect((await firebreak('backup', file)).code).toBe(0);
      expect(existsSync(file)).toBe(true);
      await firebreak('user', 'add', 'after@example.test');
      await db.close();
      expect((await firebreak('restore', file)).code).toBe(1);
      expect((await firebreak('restore', file, '--force')).code).toBe(0);
      const list = await firebreak('user', 'list');
      expect(list.stdout).toContain('before@example.test');
      expect(list.stdout).not.toContain('after@example.test');
    },
    SPAWNING,
  );

  it.runIf(dialect === 'postgres')(
    'points PostgreSQL users to pg_dump for backups',
    async () => {
      const res = await firebreak('backup', '/tmp/x.sqlite');
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('pg_dump');
    },
    SPAWNING,
  );
});
