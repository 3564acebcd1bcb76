import { Anchor, Code, Text, Typography } from '@mantine/core';
import type { Nodes, Root } from 'mdast';
import Markdown, { type Components } from 'react-markdown';

const ALLOWED_SCHEME = /^(https?|mailto):/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Links keep only http, https and mailto (and relative) targets: `javascript:`, `data:` and
 * `vbscript:` URLs in a note pasted from a phishing report must not run when clicked. Control
 * characters and spaces are stripped first, as browsers do, so `java\tscript:` is caught too.
 */
export function safeUrl(url: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (HAS_SCHEME.test(cleaned) && !ALLOWED_SCHEME.test(cleaned)) return '';
  return url;
}

/** Raw HTML in a note is shown as the text it is (a quoted `<script>` is evidence), never rendered. */
function htmlAsText() {
  const walk = (node: Nodes) => {
    if (node.type === 'html') Object.assign(node, { type: 'text' });
    if ('children' in node) node.children.forEach(walk);
  };
  return (tree: Root) => walk(tree);
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <Anchor href={href} target="_blank" rel="noopener noreferrer">
        {children}
      </Anchor>
    ) : (
      <Text span>{children}</Text>
    ),
  // A remote image would load as soon as the note is shown: a tracking pixel telling an attacker who
  // read it and from where. Show what it points to instead.
  img: ({ alt, src }) => (
    <Code>
      image: {alt || 'untitled'}
      {src ? ` (${src})` : ''}
    </Code>
  ),
};

/** A note's Markdown, rendered without raw HTML, scripts, remote images or unsafe links. */
export function SafeMarkdown({ children }: { children: string }) {
  return (
    <Typography p={0} fz="sm" style={{ wordBreak: 'break-word' }}>
      <Markdown remarkPlugins={[htmlAsText]} urlTransform={safeUrl} components={components}>
        {children}
      </Markdown>
    </Typography>
  );
}
