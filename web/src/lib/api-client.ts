import type { Problem } from '#contracts/common.ts';

/** An error answer from the API, with its problem details (RFC 9457). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
  }

  /** Field errors keyed by field name (the path without its `body.` prefix), for forms. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? [])
      out[e.path.replace(/^(body|querystring|params)\./, '')] ??= e.message;
    return out;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => undefined;

/** The CSRF token of the current session, echoed on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // FormData (file uploads) goes as multipart/form-data; the browser writes the boundary.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, {
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: 'Firebreak could not be reached. Check the connection and try again.',
    });
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    // A proxy in front of Firebreak may answer with HTML instead of problem+json.
    const problem: Problem =
      data && typeof data === 'object' && 'title' in data
        ? (data as Problem)
        : {
            type: 'about:blank',
            title: res.statusText || `HTTP ${res.status}`,
            status: res.status,
            code: 'unknown',
            detail: `The server answered ${res.status} ${res.statusText}`.trim(),
          };
    if (res.status === 401 && path !== '/api/v1/session') onUnauthenticated();
    throw new ApiError(res.status, problem);
  }
  return data as T;
}

/** Builds `path?query` from the defined values only. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
