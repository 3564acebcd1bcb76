import type { FastifyRequest } from 'fastify';
import { REPORT_FORM_FILES } from '#contracts/report-form.ts';
import { invalid } from '../../../platform/http/domain-error.ts';

/** A file picked in the form. */
export interface FormFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** The parts of a submitted form; `overLimit` when the files came to more than the total allowed. */
export interface FormSubmission {
  fields: Record<string, string>;
  /** Fields whose value was longer than any field may be (cut off while reading). */
  tooLong: string[];
  files: FormFile[];
  overLimit: boolean;
}

export interface FormLimits {
  maxAttachments: number;
  maxTotalBytes: number;
}

/** Longest text field read: the description's limit, with room for multi-byte characters. */
const MAX_FIELD_BYTES = 100_000;

/**
 * Reads the multipart form into memory, bounded: busboy ignores the route's bodyLimit, so parts,
 * fields and files are capped here (beyond them: 413), and files past the total are drained, not kept.
 */
export async function readReportForm(request: FastifyRequest, limits: FormLimits): Promise<FormSubmission> {
  if (!request.isMultipart())
    throw invalid('multipart_required', 'Send the form as multipart/form-data', [
      { path: 'body', message: 'must be multipart/form-data' },
    ]);
  const out: FormSubmission = { fields: {}, tooLong: [], files: [], overLimit: false };
  let total = 0;
  const parts = request.parts({
    limits: {
      fieldNameSize: 100,
      fieldSize: MAX_FIELD_BYTES,
      fields: 20,
      files: limits.maxAttachments,
      fileSize: limits.maxTotalBytes,
      parts: 20 + limits.maxAttachments,
      headerPairs: 100,
    },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== REPORT_FORM_FILES || out.overLimit) {
        await drain(part.file);
        continue;
      }
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > limits.maxTotalBytes) out.overLimit = true;
      else out.files.push({ filename: part.filename, contentType: part.mimetype, bytes });
    } else {
      // A value past fieldSize is cut off: refused by validation rather than stored by half.
      if (part.valueTruncated) out.tooLong.push(part.fieldname);
      out.fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value);
    }
  }
  return out;
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // Discarded: the part must be read to reach the next one.
  }
}
