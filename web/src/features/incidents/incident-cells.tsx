import { Anchor, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { Incident } from '#contracts/incidents.ts';
import { PriorityBadge } from '../../ui/priority-badge.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { CriticalityBadge } from '../../ui/severity-badge.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { phaseLabel } from './incident-labels.ts';

// The cells every incident list shares, so the queue and the incidents list read alike; import them
// as a namespace: `<Cell.Key incidentKey={…} />`.

export function Key({ incidentKey }: { incidentKey: string }) {
  return (
    <Table.Td>
      <Anchor
        component={Link}
        to={`/incidents/${incidentKey}`}
        ff="monospace"
        size="sm"
        style={{ whiteSpace: 'nowrap' }}
      >
        {incidentKey}
      </Anchor>
    </Table.Td>
  );
}

export function Title({ title, strong }: { title: string; strong?: boolean }) {
  return (
    <Table.Td>
      <Text size="sm" lineClamp={1} title={title} fw={strong ? 600 : undefined}>
        {title}
      </Text>
    </Table.Td>
  );
}

export function Constituency({ constituency }: { constituency: Incident['constituency'] }) {
  return (
    <Table.Td>
      {constituency ? (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" lineClamp={1}>
            {constituency.name}
          </Text>
          <CriticalityBadge criticality={constituency.criticality} />
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          –
        </Text>
      )}
    </Table.Td>
  );
}

export function Classification({ classification }: { classification: Incident['classification'] }) {
  return (
    <Table.Td>
      <Text size="sm" lineClamp={1} title={classification?.typeId} c={classification ? undefined : 'dimmed'}>
        {classification?.typeLabel ?? 'unclassified'}
      </Text>
    </Table.Td>
  );
}

export function Lead({ lead }: { lead: Incident['lead'] }) {
  return (
    <Table.Td>
      <Text size="sm" lineClamp={1} c={lead ? undefined : 'dimmed'} title={lead?.email}>
        {lead?.name ?? 'unassigned'}
      </Text>
    </Table.Td>
  );
}

export function Priority({ priority }: { priority: Incident['priority'] }) {
  return (
    <Table.Td>
      <PriorityBadge priority={priority} />
    </Table.Td>
  );
}

/** The phase; in triage a tick once verified, so what still needs verifying stands out. */
export function Phase({ incident: i }: { incident: Pick<Incident, 'phase' | 'verified'> }) {
  return (
    <Table.Td>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {phaseLabel[i.phase]}
        {i.phase === 'triage' && i.verified && (
          <span title={`Verified by ${i.verified.by}`} aria-label="verified">
            {' '}
            ✓
          </span>
        )}
      </Text>
    </Table.Td>
  );
}

export function Tlp({ tlp }: { tlp: Incident['tlp'] }) {
  return (
    <Table.Td>
      <TlpBadge tlp={tlp} />
    </Table.Td>
  );
}

export function Changed({ iso, now }: { iso: string; now: Date }) {
  return (
    <Table.Td>
      <RelativeTime iso={iso} now={now} />
    </Table.Td>
  );
}
