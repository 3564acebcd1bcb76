import { MantineProvider } from '@mantine/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SafeMarkdown, safeUrl } from './safe-markdown.tsx';

const render = (markdown: string) =>
  renderToStaticMarkup(
    <MantineProvider>
      <SafeMarkdown>{markdown}</SafeMarkdown>
    </MantineProvider>,
  );

describe('SafeMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = render('# Findings\n\nThe kit is **old**; see [the writeup](https://example.org/x).');
    expect(html).toContain('<h1>Findings</h1>');
    expect(html).toContain('<strong>old</strong>');
    expect(html).toMatch(/<a[^>]*href="https:\/\/example.org\/x"[^>]*rel="noopener noreferrer"/);
  });

  it('leaves script tags, event handlers and javascript: links inert', () => {
    const html = render(
      [
        '<script>alert(1)</script>',
        '',
        'Inline <img src=x onerror="alert(2)"> and <b onclick="alert(3)">bold</b>',
        '',
        '[click](javascript:alert(4)) [tab](java\tscript:alert(5)) [data](data:text/html,<b>x</b>)',
        '',
        '![pixel](https://tracker.example/p.gif) <iframe src="https://evil.example"></iframe>',
      ].join('\n'),
    );
    // Nothing executable became an element: no script, img, iframe, handler attribute or javascript URL.
    expect(html).not.toMatch(/<(script|img|iframe|b)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/href="(javascript|data|java)/i);
    // The raw HTML is still there to read, as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('image: pixel (https://tracker.example/p.gif)');
  });

  it.each([
    ['https://example.org', true],
    ['http://example.org', true],
    ['mailto:cert@example.org', true],
    ['/incidents/FB-2026-00001', true],
    ['#section', true],
    ['javascript:alert(1)', false],
    [' JavaScript:alert(1)', false],
    ['java\nscript:alert(1)', false],
    ['vbscript:msgbox', false],
    ['data:text/html;base64,PHNjcmlwdD4=', false],
    ['file:///etc/passwd', false],
  ])('%j allowed: %s', (url, allowed) => {
    expect(safeUrl(url) !== '').toBe(allowed);
  });
});
