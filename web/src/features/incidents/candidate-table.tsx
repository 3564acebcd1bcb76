import { Badge, Checkbox, Group, Radio, Stack, Table, Text } from '@mantine/core';
import type { AssignmentCandidate } from '#contracts/incidents.ts';
import { ShiftBadge } from '../../ui/shift-badge.tsx';
import { specialisationLabel } from '../taxonomy/taxonomy-options.ts';
import { useTaxonomy } from '../taxonomy/use-taxonomy.ts';

export interface Team {
  lead: string | null;
  handlers: Set<string>;
}

function Person({ c, problem }: { c: AssignmentCandidate; problem: string | undefined }) {
  return (
    <Stack gap={0}>
      <Text size="sm" fw={500}>
        {c.name}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {c.email}
      </Text>
      {problem && (
        <Text size="xs" c="red" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}

/** Everyone who may work on the incident: one lead (radio), any further handlers (checkboxes). */
export function CandidateTable({
  items,
  team,
  problems,
  onChange,
}: {
  items: AssignmentCandidate[];
  team: Team;
  /** Refusals of the last save, by user id. */
  problems: Record<string, string>;
  onChange: (team: Team) => void;
}) {
  const taxonomy = useTaxonomy().data ?? [];
  const setLead = (id: string | null) => {
    const handlers = new Set(team.handlers);
    if (id) handlers.delete(id);
    onChange({ lead: id, handlers });
  };
  const toggleHandler = (id: string, on: boolean) => {
    const handlers = new Set(team.handlers);
    if (on) handlers.add(id);
    else handlers.delete(id);
    onChange({ ...team, handlers });
  };
  return (
    <Stack gap="xs">
      <Radio
        name="lead"
        label="No lead"
        checked={team.lead === null}
        onChange={() => setLead(null)}
        size="xs"
      />
      <Table aria-label="Candidates" verticalSpacing={4} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>Lead</Table.Th>
            <Table.Th w={64}>Handler</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th w={110}>Availability</Table.Th>
            <Table.Th>Specialisations</Table.Th>
            <Table.Th w={70} ta="right">
              Open
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c, i) => (
            <Table.Tr key={c.id} bg={team.lead === c.id ? 'var(--mantine-primary-color-light)' : undefined}>
              <Table.Td>
                <Radio
                  name="lead"
                  aria-label={`Lead: ${c.name}`}
                  checked={team.lead === c.id}
                  onChange={() => setLead(c.id)}
                  // The list arrives after the dialog opened: focus the chosen lead, or the first.
                  autoFocus={team.lead ? team.lead === c.id : i === 0}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`Handler: ${c.name}`}
                  checked={team.handlers.has(c.id)}
                  disabled={team.lead === c.id}
                  onChange={(e) => toggleHandler(c.id, e.currentTarget.checked)}
                />
              </Table.Td>
              <Table.Td>
                <Person c={c} problem={problems[c.id]} />
              </Table.Td>
              <Table.Td>
                <ShiftBadge available={c.available} size="sm" />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {c.specialist && (
                    <Badge size="sm" radius="xs" tt="none" color="teal">
                      specialist
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {c.specialisations.map((s) => specialisationLabel(s, taxonomy)).join(', ') || '–'}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fz="sm" aria-label={`${c.openIncidents} open incidents`}>
                {c.openIncidents}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
