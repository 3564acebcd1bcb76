import { Badge, Group } from '@mantine/core';
import { formatDuration, formatLocal, formatUtc } from '../../lib/time.ts';
import type { IncidentSla, SlaClock } from '#contracts/incidents.ts';
import { runningClock, slaState, type SlaState } from './incident-sla.ts';

const colour: Record<SlaState, string> = {
  ok: 'green',
  due_soon: 'orange',
  breached: 'red',
  met: 'gray',
  late: 'gray',
};

function text(name: string, clock: SlaClock, state: SlaState, now: Date): string {
  const left = new Date(clock.dueAt).getTime() - now.getTime();
  if (state === 'met') return `${name} met`;
  if (state === 'late') return `${name} late`;
  if (state === 'breached') return `${name} breached ${formatDuration(left)} ago`;
  return `${name} in ${formatDuration(left)}`;
}

/** One deadline as a countdown: green, amber when due soon, filled red once breached. */
export function SlaBadge({ name, clock, now }: { name: string; clock: SlaClock; now: Date }) {
  const state = slaState(clock, now);
  return (
    <Badge
      size="sm"
      radius="xs"
      tt="none"
      variant={state === 'breached' ? 'filled' : 'light'}
      color={colour[state]}
      title={`Due ${formatLocal(clock.dueAt)} (${formatUtc(clock.dueAt)})`}
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {text(name, clock, state, now)}
    </Badge>
  );
}

/** The running clock only, for a queue row. */
export function SlaCountdown({ sla, now }: { sla: IncidentSla | null; now: Date }) {
  const running = sla && runningClock(sla);
  if (!running) return <span aria-label="No SLA clock running">–</span>;
  return (
    <SlaBadge
      name={running.name === 'response' ? 'Response' : 'Resolution'}
      clock={running.clock}
      now={now}
    />
  );
}

/** Both clocks, for the incident header. */
export function SlaClocks({ sla, now }: { sla: IncidentSla; now: Date }) {
  return (
    <Group gap={4} wrap="nowrap">
      <SlaBadge name="Response" clock={sla.response} now={now} />
      <SlaBadge name="Resolution" clock={sla.resolution} now={now} />
    </Group>
  );
}
