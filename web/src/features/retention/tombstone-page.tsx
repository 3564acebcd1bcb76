import { Alert, Code, List, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { useTombstone } from './retention-queries.ts';

/** What is left of a destroyed incident: key, classification, dates and the hashes of what was destroyed. */
export function TombstonePage() {
  const { key = '' } = useParams();
  const tombstone = useTombstone(key);
  const t = tombstone.data;
  return (
    <Stack maw={900}>
      <Title order={2}>
        <Text span ff="monospace" inherit>
          {key}
        </Text>{' '}
        — destroyed
      </Title>
      <ErrorAlert error={tombstone.error} title="No tombstone for this incident" />
      {tombstone.isPending && <Skeleton h={200} />}
      {t && (
        <>
          <Alert color="gray">
            The content of this incident was destroyed and its encryption keys shredded under the retention
            policy “{t.policyName}”. It cannot be recovered, not even from a backup. What remains proves what
            was destroyed and when.
          </Alert>
          <Table aria-label="Tombstone" withRowBorders={false}>
            <Table.Tbody>
              <Row label="Classification">{t.typeId ?? '—'}</Row>
              <Row label="Constituency">{t.constituencyId ?? '—'}</Row>
              <Row label="TLP">{t.tlp}</Row>
              <Row label="Outcome">{t.outcome ?? '—'}</Row>
              <Row label="Opened">
                <LocalTime iso={t.openedAt} />
              </Row>
              <Row label="Closed">{t.closedAt ? <LocalTime iso={t.closedAt} /> : '—'}</Row>
              <Row label="Destroyed">
                <LocalTime iso={t.destroyedAt} /> by {t.destroyedBy}
              </Row>
              <Row label="Destroyed items">
                {Object.entries(t.counts)
                  .map(([k, n]) => `${n} ${k}`)
                  .join(', ')}
              </Row>
              <Row label="Content SHA-256">
                <Code>{t.hashes.content}</Code>
              </Row>
            </Table.Tbody>
          </Table>
          {t.hashes.evidence.length > 0 && (
            <>
              <Title order={4}>Evidence files (SHA-256)</Title>
              <List size="sm">
                {t.hashes.evidence.map((e) => (
                  <List.Item key={e.sha256 + e.filename}>
                    {e.filename}: <Code>{e.sha256}</Code>
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {t.hashes.reports.length > 0 && (
            <>
              <Title order={4}>Linked reports, raw submission (SHA-256)</Title>
              <List size="sm">
                {t.hashes.reports.map((h) => (
                  <List.Item key={h}>
                    <Code>{h}</Code>
                  </List.Item>
                ))}
              </List>
            </>
          )}
          <Text size="sm" c="dimmed">
            Shredded keys: {t.shreddedKeys.join(', ') || 'none'}
          </Text>
        </>
      )}
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w={180}>{label}</Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}
