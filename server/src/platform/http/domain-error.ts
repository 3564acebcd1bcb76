/** How a domain failure maps onto HTTP; the one error handler turns kinds into statuses. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  /** The data existed and was destroyed on purpose (a shredded key). */
  | 'gone'
  /** The request body is larger than allowed (413). */
  | 'too_large'
  /** Stored data failed its integrity check: a server-side fault worth an alarm, not bad input. */
  | 'integrity';

export interface FieldIssue {
  path: string;
  message: string;
}

/** A failure the caller can act on, with a stable code (`user_email_taken`) and a kind. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, issues: FieldIssue[] = []) =>
  new DomainError('invalid', code, message, issues);
export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} was not found`);
export const forbidden = (message = 'Your role does not allow this') =>
  new DomainError('forbidden', 'forbidden', message);
export const unauthenticated = (message = 'Sign in or send an API token') =>
  new DomainError('unauthenticated', 'unauthenticated', message);
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError('conflict', code, message, [], extra);
