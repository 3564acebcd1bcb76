import { Badge, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { Severity, type Incident } from '#contracts/incidents.ts';
import type { TrustLevel } from '#contracts/reports.ts';
import { formatUtc } from '../../lib/time.ts';
import { useNow } from '../../lib/use-now.ts';
import { PriorityBadge } from '../../ui/priority-badge.tsx';
import { CriticalityBadge } from '../../ui/severity-badge.tsx';
import { AssignmentActions } from './assignment-actions.tsx';
import { useLinkedReports } from './incident-queries.ts';
import { slaOf } from './incident-sla.ts';
import { SlaClocks } from './sla-countdown.tsx';
import type { IncidentChangeHandle } from './use-incident-change.ts';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Group gap={6} wrap="nowrap" mih={26}>
        {children}
      </Group>
    </Stack>
  );
}

const trustColour: Record<TrustLevel, string> = {
  high: 'teal',
  medium: 'blue',
  low: 'orange',
  unknown: 'gray',
};

function TrustBadge({ trust }: { trust: TrustLevel }) {
  return (
    <Badge size="sm" variant="light" color={trustColour[trust]} radius="xs" tt="none">
      {trust}
    </Badge>
  );
}

/** Trust in the reporters of the linked reports, fetched when the server does not send it (older API). */
function FetchedTrust({ reportIds }: { reportIds: string[] }) {
  const reports = useLinkedReports(reportIds.slice(0, 20));
  const trusts = [...new Set(reports.flatMap((r) => (r.data ? [r.data.reporter.trust] : [])))];
  if (trusts.length === 0)
    return (
      <Text size="sm" c="dimmed">
        …
      </Text>
    );
  return (
    <Group gap={4} wrap="nowrap">
      {trusts.map((t) => (
        <TrustBadge key={t} trust={t} />
      ))}
    </Group>
  );
}

function ReporterTrust({ incident }: { incident: Incident }) {
  if (incident.reportIds.length === 0) return <Text size="sm">no report</Text>;
  if (incident.reporterTrust) return <TrustBadge trust={incident.reporterTrust} />;
  return <FetchedTrust reportIds={incident.reportIds} />;
}

/** The triage facts of the header: priority and what produced it, severity, constituency, SLA, lead. */
export function IncidentFacts({
  incident,
  change,
  onOverride,
  onAssign,
}: {
  incident: Incident;
  change: IncidentChangeHandle;
  onOverride: () => void;
  onAssign: () => void;
}) {
  const now = useNow();
  const sla = slaOf(incident);
  const why = incident.priorityOverride
    ? `Overridden: ${incident.priorityOverride.reason}`
    : incident.severity
      ? `Matrix: ${incident.severity} severity × ${incident.constituency?.criticality ?? 'medium (no constituency)'} criticality`
      : 'Set the severity to compute it';
  return (
    <Group gap="lg" align="flex-start" wrap="wrap">
      <Fact label="Priority">
        <Tooltip label={why} multiline maw={320}>
          <PriorityBadge priority={incident.priority} size="lg" />
        </Tooltip>
        <Text size="xs" c="dimmed" maw={220} lineClamp={2}>
          {incident.priorityOverride
            ? `override: ${incident.priorityOverride.reason}`
            : incident.severity
              ? `${incident.severity} × ${incident.constituency?.criticality ?? 'medium'}`
              : 'no severity'}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={onOverride}>
          Override…
        </Button>
      </Fact>
      <Fact label="Reporter trust">
        <ReporterTrust incident={incident} />
      </Fact>
      {sla && (
        <Fact label="SLA">
          <SlaClocks sla={sla} now={now} />
        </Fact>
      )}
      <Fact label="Severity">
        <Select
          aria-label="Severity"
          size="xs"
          w={110}
          placeholder="Not set"
          data={Severity.options}
          value={incident.severity}
          allowDeselect={false}
          disabled={change.pending}
          onChange={(v) => v && change.submit({ action: 'update', body: { severity: v } }, incident)}
        />
      </Fact>
      <Fact label="Constituency">
        {incident.constituency ? (
          <>
            <Text size="sm" fw={500}>
              {incident.constituency.name}
            </Text>
            <CriticalityBadge criticality={incident.constituency.criticality} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            none matched
          </Text>
        )}
      </Fact>
      <Fact label="Verified">
        {incident.verified ? (
          <Text size="sm" title={formatUtc(incident.verified.at)}>
            ✓ by {incident.verified.by}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            not yet
          </Text>
        )}
      </Fact>
      <Fact label="Lead">
        <Text size="sm" c={incident.lead ? undefined : 'dimmed'} title={incident.lead?.email}>
          {incident.lead?.name ?? 'unassigned'}
          {incident.handlers.length ? ` + ${incident.handlers.map((h) => h.name).join(', ')}` : ''}
        </Text>
        <AssignmentActions incident={incident} change={change} onAssign={onAssign} />
      </Fact>
      <Fact label="Classification">
        <Text size="sm">
          {incident.classification ? (
            <>
              <b>{incident.classification.typeLabel}</b> · {incident.classification.classLabel}
            </>
          ) : (
            <Text span c="dimmed" size="sm">
              not classified
            </Text>
          )}
        </Text>
      </Fact>
    </Group>
  );
}
