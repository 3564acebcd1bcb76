import { Badge, Checkbox, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { ReportSummary } from '#contracts/reports.ts';
import { formatLocal } from '../../lib/time.ts';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { channelLabel } from './report-labels.ts';

export interface SuggestionCount {
  incidents: number;
  reports: number;
}

/** How many incidents and similar recent reports the preview will suggest, at a glance. */
function SuggestionBadge({ count }: { count: SuggestionCount }) {
  if (!count.incidents && !count.reports) return null;
  const parts = [
    count.incidents ? `${count.incidents} incident${count.incidents === 1 ? '' : 's'}` : null,
    count.reports ? `${count.reports} similar` : null,
  ].filter(Boolean);
  return (
    <Tooltip label="Shares observables with open incidents or recent reports; see the preview">
      <Badge size="xs" variant="light" color={count.incidents ? 'violet' : 'gray'} tt="none">
        ↔ {parts.join(' · ')}
      </Badge>
    </Tooltip>
  );
}

/** `seen 4×`, with the first and last sighting on hover. */
function Repetitions({ report: r }: { report: ReportSummary }) {
  if (r.seenCount <= 1) return null;
  return (
    <Tooltip label={`First seen ${formatLocal(r.receivedAt)} · last seen ${formatLocal(r.lastSeenAt)}`}>
      <Badge size="xs" variant="outline" color="gray" tt="none">
        seen {r.seenCount}×
      </Badge>
    </Tooltip>
  );
}

/** One inbox row: a checkbox picks new reports for a bulk action, the rest opens the preview. */
export function ReportListItem({
  report: r,
  active,
  checked,
  suggestions,
  now,
  onOpen,
  onCheck,
}: {
  report: ReportSummary;
  active: boolean;
  checked: boolean;
  suggestions: SuggestionCount | undefined;
  now: Date;
  onOpen: () => void;
  onCheck: (checked: boolean) => void;
}) {
  const row = useRef<HTMLDivElement>(null);
  // Moving with j/k keeps the current report in view.
  useEffect(() => {
    if (active) row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);
  return (
    <Group
      ref={row}
      role="listitem"
      aria-current={active || undefined}
      wrap="nowrap"
      gap={8}
      align="flex-start"
      p="xs"
      style={{
        borderRadius: 4,
        border: `1px solid ${active ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
        background: active ? 'var(--mantine-color-default-hover)' : undefined,
      }}
    >
      <Checkbox
        mt={2}
        size="xs"
        aria-label={`Select ${r.title}`}
        checked={checked}
        disabled={r.status !== 'new'}
        onChange={(e) => onCheck(e.currentTarget.checked)}
      />
      <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={500} lineClamp={1}>
            {r.title}
          </Text>
          <TlpBadge tlp={r.tlp} />
        </Group>
        <Group gap={6} mt={2} wrap="nowrap" style={{ overflow: 'hidden' }}>
          <RelativeTime iso={r.receivedAt} now={now} size="xs" c="dimmed" />
          {/* The channel and source stay whole; a long reporter name gives way. */}
          <Badge size="xs" variant="default" tt="none" style={{ flexShrink: 0 }}>
            {channelLabel[r.channel]}
          </Badge>
          <Text
            size="xs"
            ff="monospace"
            c="dimmed"
            lineClamp={1}
            title={`Source: ${r.source}`}
            style={{ flexShrink: 0, maxWidth: '40%' }}
          >
            {r.source}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1} title={r.reporter.name} style={{ minWidth: 0 }}>
            {r.reporter.name}
          </Text>
        </Group>
        <Group gap={6} mt={2}>
          {r.constituency ? (
            <Badge size="xs" variant="light" tt="none">
              {r.constituency.name}
            </Badge>
          ) : (
            <Badge size="xs" color="gray" variant="outline" tt="none">
              no constituency
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {r.observableCount} observables
          </Text>
          <Repetitions report={r} />
          {suggestions && r.status === 'new' && <SuggestionBadge count={suggestions} />}
          {r.incidentKey && (
            <Text size="xs" ff="monospace">
              → {r.incidentKey}
            </Text>
          )}
        </Group>
      </UnstyledButton>
    </Group>
  );
}
