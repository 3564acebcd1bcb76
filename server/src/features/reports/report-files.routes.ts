import { z } from 'zod';
import { IdParam } from '#contracts/common.ts';
import { downloadHeaders } from '../../platform/http/content-disposition.ts';
import { actorOf } from '../../platform/http/auth.ts';
import type { ZodApp } from '../../platform/http/app.ts';
import type { ReportFileService } from './report-files.service.ts';

const tags = ['reports'];
const FileParams = IdParam.extend({ sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256') });

/** Downloads of a report's files: always attachments, never rendered, each one audited. */
export function reportFileRoutes(app: ZodApp, files: ReportFileService): void {
  app.get(
    '/api/v1/reports/:id/raw',
    {
      schema: {
        tags,
        summary: 'The raw submission of a report, byte for byte',
        params: IdParam,
      },
    },
    async (request, reply) => {
      const out = await files.raw(actorOf(request), request.params.id);
      return reply.headers(downloadHeaders(out.filename, out.contentType)).send(out.bytes);
    },
  );

  app.get(
    '/api/v1/reports/:id/files/:sha256',
    {
      schema: {
        tags,
        summary: 'One file of a report by its SHA-256 (served as application/octet-stream)',
        params: FileParams,
      },
    },
    async (request, reply) => {
      const out = await files.file(actorOf(request), request.params.id, request.params.sha256);
      return reply.headers(downloadHeaders(out.filename, out.contentType)).send(out.bytes);
    },
  );
}
