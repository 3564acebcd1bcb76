import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { Highlight, SearchHit } from '#contracts/search.ts';
import { Link } from 'react-router-dom';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';

/** The incident tab (or report) a hit opens. */
export function hitLink(hit: SearchHit): string {
  const tab = { note: 'notes', task: 'tasks', communication: 'communications', observable: 'observables' };
  if (hit.kind === 'report' || (!hit.incidentKey && hit.reportId))
    return `/reports?status=all&id=${hit.reportId ?? hit.id}`;
  const t = hit.kind === 'incident' ? null : tab[hit.kind];
  return `/incidents/${hit.incidentKey}${t ? `?tab=${t}` : ''}`;
}

/** The snippet with its matches marked; text only, so nothing in a report or mail becomes markup. */
export function MarkedSnippet({ text, highlights }: { text: string; highlights: Highlight[] }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    if (h.start > at) parts.push({ text: text.slice(at, h.start), marked: false });
    parts.push({ text: text.slice(h.start, h.end), marked: true });
    at = h.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <Text size="sm" c="dimmed" style={{ wordBreak: 'break-word' }}>
      {parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </Text>
  );
}

const archived = (phase: SearchHit['phase']) => phase === 'closed' || phase === 'post_analysis_done';

export function SearchHitCard({ hit, now }: { hit: SearchHit; now: Date }) {
  return (
    <Paper withBorder p="sm" data-testid="search-hit" data-kind={hit.kind}>
      <Stack gap={4}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            {hit.incidentKey && (
              <Text size="sm" ff="monospace" fw={600}>
                {hit.incidentKey}
              </Text>
            )}
            <Anchor component={Link} to={hitLink(hit)} size="sm" fw={500} truncate>
              {hit.title || '(no title)'}
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {archived(hit.phase) && (
              <Badge size="sm" variant="light" color="gray">
                Archived
              </Badge>
            )}
            <TlpBadge tlp={hit.tlp} />
            <RelativeTime iso={hit.at} now={now} c="dimmed" />
          </Group>
        </Group>
        <MarkedSnippet text={hit.snippet} highlights={hit.highlights} />
      </Stack>
    </Paper>
  );
}
