import { createHash } from 'node:crypto';
import type { ReportBlock, ReportDocument } from './report-document.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attributes (OWASP XSS prevention rule 1/2). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `
body{font-family:Helvetica,Arial,sans-serif;color:#1a1b1e;margin:0;line-height:1.45}
main{max-width:60rem;margin:0 auto;padding:1rem 2rem 3rem}
.tlp{background:#000;color:#ffc000;font-weight:bold;padding:.35rem 2rem;letter-spacing:.05em}
.tlp.bottom{margin-top:2rem}
h1{font-size:1.6rem;margin:1.5rem 0 .2rem}
.subtitle{color:#555;margin:0 0 1.5rem}
h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
p{white-space:pre-wrap}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}
th{background:#f3f3f3}
table.facts th{width:14rem}
@media print{.tlp{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** CSP hash of the one inline style: the page runs no script and loads nothing (CSP Level 2 hashes). */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** Headers for the HTML report: nothing but its own style may run or load, even if content slips through. */
export const REPORT_CSP = `default-src 'none'; style-src ${STYLE_HASH}; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${escapeHtml(b.text)}</h2>`;
    case 'subheading':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'facts':
      return `<table class="facts"><tbody>${b.rows
        .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
        .join('')}</tbody></table>`;
    case 'table':
      return `<table><thead><tr>${b.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
  }
}

/** A self-contained page: every text escaped, one hashed inline style, the TLP marking top and bottom. */
export function renderHtml(doc: ReportDocument): string {
  const marking = `<div class="tlp" role="note">${escapeHtml(doc.marking)}</div>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${doc.marking} ${doc.title}`)}</title>
<style>${STYLE}</style></head>
<body>${marking}<main><h1>${escapeHtml(doc.title)}</h1><p class="subtitle">${escapeHtml(doc.subtitle)}</p>
${doc.blocks.map(block).join('\n')}
</main>${marking.replace('class="tlp"', 'class="tlp bottom"')}</body></html>
`;
}
