import { useQuery } from '@tanstack/react-query';
import type { PublicReportReceipt } from '#contracts/report-form.ts';
import type { Problem } from '#contracts/common.ts';
import type { PublicConfig } from '#contracts/system.ts';
import { api, ApiError } from '../../lib/api-client.ts';

/** Server settings the signed-out pages need (is the report form on, its limits). */
export function usePublicConfig() {
  return useQuery({
    queryKey: ['public-config'],
    queryFn: () => api<PublicConfig>('GET', '/api/v1/system/config'),
    staleTime: 5 * 60_000,
  });
}

export type ReportFormFields = Record<
  'name' | 'email' | 'organisation' | 'title' | 'description' | 'tlp' | 'website',
  string
>;

/** Sends the form as multipart/form-data (the attachments as files), answering the reference. */
export async function submitPublicReport(
  fields: ReportFormFields,
  files: File[],
): Promise<PublicReportReceipt> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append('attachments', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/v1/public/reports', { method: 'POST', body, credentials: 'omit' });
  } catch {
    throw new ApiError(0, {
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: 'The report could not be sent. Check your connection and try again.',
    });
  }
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as PublicReportReceipt;
  throw new ApiError(
    res.status,
    data && typeof data === 'object' && 'title' in data
      ? (data as Problem)
      : {
          type: 'about:blank',
          title: `HTTP ${res.status}`,
          status: res.status,
          code: 'unknown',
          detail: `The server answered ${res.status}`,
        },
  );
}
