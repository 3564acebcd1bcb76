const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `Content-Disposition: attachment` for a sender-chosen file name (RFC 6266): an ASCII fallback with
 * quotes, backslashes and controls replaced, plus the exact name in `filename*` (RFC 8187), so no
 * name can break out of the header or make a browser render the file.
 */
export function attachmentDisposition(name: string): string {
  // Lone surrogates would make encodeURIComponent throw.
  const filename = name.replace(LONE_SURROGATE, '\ufffd');
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_').trim() || 'download';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers for serving stored, possibly hostile files: download only, never sniffed or rendered. */
export function downloadHeaders(filename: string, contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-disposition': attachmentDisposition(filename),
    'x-content-type-options': 'nosniff',
    // Should a browser render it anyway, it runs nothing and loads nothing.
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-store',
  };
}
