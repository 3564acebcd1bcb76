import { Anchor, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { useTombstones } from './retention-queries.ts';

/** Destroyed incidents, newest first, each linking to its tombstone. */
export function TombstonesTable() {
  const tombstones = useTombstones();
  return (
    <Stack gap="xs">
      <Title order={3}>Destroyed incidents</Title>
      <ErrorAlert error={tombstones.error} title="Could not load the tombstones" />
      {tombstones.isPending && <Skeleton h={60} />}
      {tombstones.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          None yet.
        </Text>
      )}
      {!!tombstones.data?.length && (
        <Table striped aria-label="Destroyed incidents">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Incident</Table.Th>
              <Table.Th>Classification</Table.Th>
              <Table.Th>Closed</Table.Th>
              <Table.Th>Destroyed</Table.Th>
              <Table.Th>Policy</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tombstones.data.map((t) => (
              <Table.Tr key={t.incidentKey}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/retention/tombstones/${t.incidentKey}`}
                    ff="monospace"
                    size="sm"
                  >
                    {t.incidentKey}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t.typeId ?? '—'}</Table.Td>
                <Table.Td>{t.closedAt ? <LocalTime iso={t.closedAt} /> : '—'}</Table.Td>
                <Table.Td>
                  <LocalTime iso={t.destroyedAt} />
                </Table.Td>
                <Table.Td>{t.policyName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
