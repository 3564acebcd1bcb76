import { randomBytes } from 'node:crypto';
import { Role } from '#contracts/identity.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { loadConfig } from '../platform/config/config.ts';
import { openDatabase } from '../platform/db/database.ts';
import { listMigrations, migrateDown, migrateToLatest } from '../platform/db/migrate.ts';
import { CommandError, withContext } from './context.ts';

const cli = systemActor('cli');

export async function migrateCommand(options: { down?: boolean; status?: boolean }): Promise<void> {
  const config = loadConfig();
  const handle = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    if (options.status) {
      for (const m of await listMigrations(handle))
        console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}`);
      return;
    }
    const names = options.down ? await migrateDown(handle) : await migrateToLatest(handle);
    console.log(
      names.length ? `${options.down ? 'Rolled back' : 'Applied'}: ${names.join(', ')}` : 'Nothing to do.',
    );
  } finally {
    await handle.close();
  }
}

export function userAdd(email: string, options: { name?: string; role: string; password?: string }) {
  return withContext(async ({ features }) => {
    const role = Role.safeParse(options.role);
    if (!role.success) throw new CommandError(`--role must be one of ${Role.options.join(', ')}`);
    const password = options.password ?? randomBytes(12).toString('base64url');
    const user = await features.services.users.create(cli, {
      email: email.toLowerCase(),
      name: options.name ?? email.split('@')[0] ?? email,
      role: role.data,
      password,
    });
    console.log(`Created ${user.email} (${user.role}, id ${user.id})`);
    if (!options.password) console.log(`Password: ${password}`);
  });
}

export function userList() {
  return withContext(async ({ features }) => {
    const users = await features.services.users.list(cli);
    for (const u of users)
      console.log(
        [u.email.padEnd(32), u.role.padEnd(8), u.disabled ? 'disabled' : 'active  ', u.name].join(' '),
      );
  });
}

export function userDisable(email: string, options: { enable?: boolean }) {
  return withContext(async ({ features }) => {
    const user = await features.services.users.byEmail(cli, email);
    await features.services.users.update(cli, user.id, { disabled: !options.enable });
    console.log(`${options.enable ? 'Enabled' : 'Disabled'} ${user.email}`);
  });
}

export function userResetPassword(email: string, options: { password?: string }) {
  return withContext(async ({ features }) => {
    const user = await features.services.users.byEmail(cli, email);
    const password = options.password ?? randomBytes(12).toString('base64url');
    await features.services.users.resetPassword(cli, user.id, password);
    console.log(`Password of ${user.email} reset; their sessions were ended.`);
    if (!options.password) console.log(`New password: ${password}`);
  });
}

export function tokenCreate(email: string, options: { name: string; days?: string }) {
  return withContext(async ({ features }) => {
    const user = await features.services.users.byEmail(cli, email);
    const days = options.days === undefined ? undefined : Number(options.days);
    if (days !== undefined && !(Number.isInteger(days) && days > 0))
      throw new CommandError('--days must be a positive whole number');
    const created = await features.services.tokens.create(cli, {
      name: options.name,
      userId: user.id,
      ...(days ? { expiresInDays: days } : {}),
    });
    console.log(`Token ${created.token.id} for ${user.email} (shown once):`);
    console.log(created.secret);
  });
}

export function tokenRevoke(id: string) {
  return withContext(async ({ features }) => {
    await features.services.tokens.revoke(cli, id);
    console.log(`Revoked token ${id}`);
  });
}

export function auditVerify() {
  return withContext(async ({ runtime }) => {
    const result = await runtime.audit.verify();
    if (!result.ok) {
      throw new CommandError(
        `Audit chain broken at entry ${result.firstBad?.seq}: ${result.firstBad?.reason} (${result.checked} entries intact before it)`,
      );
    }
    console.log(`Audit chain intact: ${result.checked} entries verified.`);
  });
}
