import { describe, expect, it } from 'vitest';
import { median, periodBounds } from './activity.rules.ts';
import { escapeHtml, renderHtml } from './report-html.ts';
import { pdfText } from './report-pdf.ts';
import { renderReportText, templateIssues } from './report-template.rules.ts';

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('periodBounds', () => {
  it('covers the last day whole and refuses a period that ends before it starts', () => {
    expect(periodBounds('2026-03-01', '2026-03-31')).toEqual({
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-04-01T00:00:00.000Z',
    });
    expect(periodBounds('2026-03-02', '2026-03-01')).toBeNull();
  });
});

describe('report templates', () => {
  it('lists every unknown variable and section, per kind', () => {
    const base = { version: 1, title: 'T', sections: ['sla'], intro: '', outro: '' };
    expect(templateIssues('activity', base)).toEqual([]);
    expect(templateIssues('technical', base)).toEqual([
      { path: 'sections.0', message: expect.stringContaining('unknown section sla') },
    ]);
    expect(templateIssues('activity', { ...base, intro: '{{incident.key}} {{ nope }}' })).toEqual([
      { path: 'intro', message: 'unknown variables {{incident.key}}, {{nope}}' },
    ]);
  });

  it('renders known variables and leaves the rest', () => {
    expect(renderReportText('{{ team }} / {{other}}', { team: 'CSIRT' })).toBe('CSIRT / {{other}}');
  });
});

describe('renderers', () => {
  it('escapes every text of the HTML report', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;',
    );
    const html = renderHtml({
      title: '<b>t</b>',
      subtitle: 's',
      marking: 'TLP:AMBER',
      blocks: [{ kind: 'table', columns: ['<th>'], rows: [['</td><script>']] }],
    });
    expect(html).not.toMatch(/<script|<b>|<th>/);
  });

  it('keeps PDF text within what the standard fonts encode', () => {
    expect(pdfText('Zoë – “ok” €\u0007\tend ✓ 漢')).toBe('Zoë – “ok” €     end ? ?');
  });
});
