import { AuditPage, AuditQuery, AuditVerification } from '#contracts/audit.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole } from '../../platform/auth/actor.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';

const tags = ['audit'];

/** The audit log is read by admins only; nothing here writes to it. */
export function auditRoutes(app: ZodApp, audit: AuditLog): void {
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary: 'Audit entries, newest first (admin)',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    (request) => {
      requireRole(actorOf(request), 'admin');
      return audit.list(request.query);
    },
  );

  app.get(
    '/api/v1/audit/verify',
    { schema: { tags, summary: 'Verify the hash chain (admin)', response: { 200: AuditVerification } } },
    (request) => {
      requireRole(actorOf(request), 'admin');
      return audit.verify();
    },
  );
}
