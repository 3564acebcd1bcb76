import { Badge, Checkbox, Group, Text, UnstyledButton } from '@mantine/core';
import type { ReportSummary } from '#contracts/reports.ts';
import { TlpBadge } from '../../ui/tlp-badge.tsx';

/** One inbox row: a checkbox to pick new reports for one incident, the rest opens the preview. */
export function ReportListItem({
  report: r,
  active,
  checked,
  onOpen,
  onCheck,
}: {
  report: ReportSummary;
  active: boolean;
  checked: boolean;
  onOpen: () => void;
  onCheck: (checked: boolean) => void;
}) {
  return (
    <Group
      role="listitem"
      wrap="nowrap"
      gap={8}
      align="flex-start"
      p="xs"
      style={{
        borderRadius: 4,
        border: '1px solid var(--mantine-color-default-border)',
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
        <Group gap="xs" mt={2}>
          <Text size="xs" c="dimmed" title={`${r.receivedAt} UTC`}>
            {new Date(r.receivedAt).toLocaleString()}
          </Text>
          <Text size="xs" c="dimmed">
            {r.reporter.name} · {r.channel}
          </Text>
          {r.constituency ? (
            <Badge size="xs" variant="light">
              {r.constituency.name}
            </Badge>
          ) : (
            <Badge size="xs" color="gray" variant="outline">
              no constituency
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            {r.observableCount} observables
          </Text>
          {r.seenCount > 1 && (
            <Badge size="xs" variant="outline" color="gray">
              seen {r.seenCount}×
            </Badge>
          )}
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
