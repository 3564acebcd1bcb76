import { z } from 'zod';
import { Timestamp } from './common.ts';

/** Roles, from most to least powerful; each includes the rights of those after it. */
export const Role = z.enum(['admin', 'lead', 'handler', 'viewer']);
export type Role = z.infer<typeof Role>;

/** TLP 2.0 levels, from least to most restrictive. */
export const Tlp = z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']);
export type Tlp = z.infer<typeof Tlp>;

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

export const Password = z.string().min(12, 'must be at least 12 characters').max(1024);

export const LoginRequest = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Scope = z.object({
  /** Constituency ids the user may see, or null for all. */
  constituencies: z.array(z.string()).nullable(),
  /** The most restrictive TLP the user may read. */
  tlpCeiling: Tlp,
});
export type Scope = z.infer<typeof Scope>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  scope: Scope,
  disabled: z.boolean(),
  /** Takes new incidents: automatic assignment only picks available handlers. */
  available: z.boolean(),
  /** Taxonomy class ids (`fraud`) or type ids (`fraud/phishing`) the user handles best. */
  specialisations: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const Me = z.object({
  user: User,
  /** Send back as `X-CSRF-Token` on unsafe requests authenticated by the session cookie. */
  csrfToken: z.string().nullable(),
  via: z.enum(['session', 'token']),
});
export type Me = z.infer<typeof Me>;

export const CreateUser = z.object({
  email: Email,
  name: z.string().trim().min(1).max(200),
  role: Role,
  password: Password,
  scope: Scope.partial().optional(),
});
export type CreateUser = z.infer<typeof CreateUser>;

const Specialisations = z.array(z.string().trim().min(1).max(130)).max(50);

export const UpdateUser = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  disabled: z.boolean().optional(),
  scope: Scope.partial().optional(),
  specialisations: Specialisations.optional(),
});
export type UpdateUser = z.infer<typeof UpdateUser>;

/** What handlers set for themselves at the start and end of a shift. */
export const UpdateAvailability = z.object({
  available: z.boolean().optional(),
  specialisations: Specialisations.optional(),
});
export type UpdateAvailability = z.infer<typeof UpdateAvailability>;

export const ResetPassword = z.object({ password: Password });

export const ApiToken = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateToken = z.object({
  name: z.string().trim().min(1).max(100),
  /** Days until the token expires; omit for no expiry. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  /** Admins may create a token for another user. */
  userId: z.string().optional(),
});
export type CreateToken = z.infer<typeof CreateToken>;

/** The only time the secret is shown. */
export const CreatedToken = z.object({ token: ApiToken, secret: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;
