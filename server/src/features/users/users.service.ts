import { randomBytes, randomUUID } from 'node:crypto';
import type { CreateUser, UpdateAvailability, UpdateUser, User } from '#contracts/identity.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, systemActor, unrestrictedScope, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import type { TaxonomyService } from '../taxonomy/index.ts';
import { hashPassword } from './password.ts';
import { publicUser, type UserRecord, type UserStore } from './users.store.ts';

export interface UserServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  events: EventBus;
  store: UserStore;
  /** Specialisations must name taxonomy classes or types, or they would never match an incident. */
  taxonomy: Pick<TaxonomyService, 'unknownIds'>;
  now: () => Date;
}

export function createUserService({ handle, audit, events, store, taxonomy, now }: UserServiceDeps) {
  const { db } = handle;

  async function checkSpecialisations(q: Tx, specialisations: string[] | undefined) {
    const unknown = await taxonomy.unknownIds(q, specialisations ?? []);
    if (unknown.length)
      throw invalid(
        'unknown_specialisation',
        `Not in the taxonomy: ${unknown.join(', ')}`,
        unknown.map((id) => ({
          path: `body.specialisations.${specialisations!.indexOf(id)}`,
          message: `${id} is neither a taxonomy class nor a type`,
        })),
      );
  }

  // Admin screens refresh when another admin changes a user.
  const changedEvent = (user: User) => () =>
    events.publish({ type: 'user.changed', data: { id: user.id }, audience: { minRole: 'admin' } });

  async function list(actor: Actor, filter: { q?: string | undefined } = {}): Promise<User[]> {
    requireRole(actor, 'admin');
    return (await store.list(db, filter)).map(publicUser);
  }

  async function create(actor: Actor, input: CreateUser): Promise<User> {
    requireRole(actor, 'admin');
    const passwordHash = await hashPassword(input.password);
    return transaction(db, async (tx, onCommit) => {
      if (await store.byEmail(tx, input.email))
        throw conflict('user_email_taken', `A user with e-mail ${input.email} exists`);
      const at = now().toISOString();
      const user: UserRecord = {
        id: randomUUID(),
        email: input.email,
        name: input.name,
        role: input.role,
        scope: { ...unrestrictedScope, ...input.scope },
        disabled: false,
        available: false,
        specialisations: [],
        createdAt: at,
        updatedAt: at,
        passwordHash,
      };
      await store.insert(tx, user);
      await audit.record(tx, actor, {
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        data: { email: user.email, name: user.name, role: user.role, scope: user.scope },
      });
      onCommit(changedEvent(user));
      return publicUser(user);
    });
  }

  async function update(actor: Actor, id: string, input: UpdateUser): Promise<User> {
    requireRole(actor, 'admin');
    return transaction(db, async (tx, onCommit) => {
      const before = await store.byId(tx, id);
      if (!before) throw notFound('User');
      await checkSpecialisations(tx, input.specialisations);
      const after: UserRecord = {
        ...before,
        name: input.name ?? before.name,
        role: input.role ?? before.role,
        disabled: input.disabled ?? before.disabled,
        scope: { ...before.scope, ...input.scope },
        specialisations: input.specialisations ?? before.specialisations,
        updatedAt: now().toISOString(),
      };
      const losesAdmin =
        before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
      if (losesAdmin && (await store.countActiveAdmins(tx)) <= 1) {
        throw conflict('last_admin', 'This is the last active admin; make another admin first');
      }
      await store.update(tx, after);
      if (after.disabled && !before.disabled)
        await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await audit.record(tx, actor, {
        action: 'user.updated',
        targetType: 'user',
        targetId: id,
        data: {
          email: before.email,
          before: changed(before, after, 'old'),
          after: changed(before, after, 'new'),
        },
      });
      onCommit(changedEvent(after));
      return publicUser(after);
    });
  }

  async function resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    if (actor.id !== id) requireRole(actor, 'admin');
    const passwordHash = await hashPassword(password);
    await transaction(db, async (tx, onCommit) => {
      const user = await store.byId(tx, id);
      if (!user) throw notFound('User');
      await store.update(tx, { ...user, passwordHash, updatedAt: now().toISOString() });
      // A reset ends every open session of that user (a stolen session must not survive it).
      await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await audit.record(tx, actor, {
        action: 'user.password_reset',
        targetType: 'user',
        targetId: id,
        data: { email: user.email },
      });
      onCommit(changedEvent(user));
    });
  }

  /** Handlers set their own availability and specialisations; no admin needed. */
  async function setAvailability(actor: Actor, input: UpdateAvailability): Promise<User> {
    requireRole(actor, 'handler');
    if (!actor.id) throw notFound('User');
    const id = actor.id;
    return transaction(db, async (tx, onCommit) => {
      const before = await store.byId(tx, id);
      if (!before) throw notFound('User');
      await checkSpecialisations(tx, input.specialisations);
      const after: UserRecord = {
        ...before,
        available: input.available ?? before.available,
        specialisations: input.specialisations ?? before.specialisations,
        updatedAt: now().toISOString(),
      };
      await store.update(tx, after);
      await audit.record(tx, actor, {
        action: 'user.availability_changed',
        targetType: 'user',
        targetId: id,
        data: {
          before: { available: before.available, specialisations: before.specialisations },
          after: { available: after.available, specialisations: after.specialisations },
        },
      });
      onCommit(changedEvent(after));
      return publicUser(after);
    });
  }

  async function byEmail(actor: Actor, email: string): Promise<User> {
    requireRole(actor, 'admin');
    const user = await store.byEmail(db, email);
    if (!user) throw notFound(`User ${email}`);
    return publicUser(user);
  }

  /** On first start: creates the admin from the configuration, or with a generated password (returned once). */
  async function ensureInitialAdmin(
    email?: string,
    password?: string,
  ): Promise<{ email: string; password: string } | null> {
    if ((await db.selectFrom('users').select('id').limit(1).execute()).length > 0) return null;
    const credentials = {
      email: email ?? 'admin@firebreak.local',
      password: password ?? randomBytes(12).toString('base64url'),
    };
    await create(systemActor('bootstrap'), { ...credentials, name: 'Administrator', role: 'admin' });
    return credentials;
  }

  return { list, create, update, setAvailability, resetPassword, byEmail, ensureInitialAdmin };
}

function changed(before: UserRecord, after: UserRecord, side: 'old' | 'new'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['name', 'role', 'disabled', 'scope', 'specialisations'] as const) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      out[key] = side === 'old' ? before[key] : after[key];
  }
  return out;
}

export type UserService = ReturnType<typeof createUserService>;
