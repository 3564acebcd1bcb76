import type { Role, Scope, Tlp, User } from '#contracts/identity.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { UsersTable } from '../../platform/db/schema.ts';
import type { SearchIndex } from '../../platform/search/search-index.ts';

export interface UserRecord extends User {
  passwordHash: string;
}

export function toUser(row: UsersTable): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    scope: {
      constituencies:
        row.scope_constituencies === null ? null : (JSON.parse(row.scope_constituencies) as string[]),
      tlpCeiling: row.tlp_ceiling as Tlp,
    },
    disabled: row.disabled_at !== null,
    available: row.available === 1,
    specialisations: JSON.parse(row.specialisations) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordHash: row.password_hash,
  };
}

export const publicUser = ({ passwordHash: _hash, ...user }: UserRecord): User => user;

const scopeColumns = (scope: Scope) => ({
  scope_constituencies: scope.constituencies === null ? null : JSON.stringify(scope.constituencies),
  tlp_ceiling: scope.tlpCeiling,
});

const availabilityColumns = (user: UserRecord) => ({
  available: user.available ? 1 : 0,
  specialisations: JSON.stringify(user.specialisations),
});

/** Users are platform-wide (not constituency data), so reads here take no scope. */
export function createUserStore(search: SearchIndex) {
  const index = (q: Queryable, u: UserRecord) =>
    search.put(q, 'user', u.id, `${u.email} ${u.name} ${u.role}`);

  return {
    async insert(q: Queryable, user: UserRecord): Promise<void> {
      await q
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          name: user.name,
          role: user.role,
          password_hash: user.passwordHash,
          ...scopeColumns(user.scope),
          ...availabilityColumns(user),
          disabled_at: user.disabled ? user.updatedAt : null,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .execute();
      await index(q, user);
    },

    async update(q: Queryable, user: UserRecord): Promise<void> {
      await q
        .updateTable('users')
        .set({
          name: user.name,
          role: user.role,
          password_hash: user.passwordHash,
          ...scopeColumns(user.scope),
          ...availabilityColumns(user),
          disabled_at: user.disabled ? user.updatedAt : null,
          updated_at: user.updatedAt,
        })
        .where('id', '=', user.id)
        .execute();
      await index(q, user);
    },

    async byId(q: Queryable, id: string): Promise<UserRecord | undefined> {
      const row = await q.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async byEmail(q: Queryable, email: string): Promise<UserRecord | undefined> {
      const row = await q
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return row && toUser(row);
    },

    async list(q: Queryable, filter: { q?: string | undefined }): Promise<UserRecord[]> {
      let query = q.selectFrom('users').selectAll().orderBy('email');
      if (filter.q) query = query.where('id', 'in', search.matching('user', filter.q));
      return (await query.execute()).map(toUser);
    },

    async countActiveAdmins(q: Queryable): Promise<number> {
      const row = await q
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
