import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import type { AuditEvent, AuditPage as AuditPageData, AuditVerification } from '#contracts/audit.ts';
import { api, withQuery } from '../../lib/api-client.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { AuditDetails } from './audit-details.tsx';
import { AuditFilters, auditFilterKeys } from './audit-filters.tsx';

const PAGE_SIZE = 100;

export function AuditPage() {
  const [params] = useSearchParams();
  const query = Object.fromEntries(auditFilterKeys.map((k) => [k, params.get(k) ?? undefined]));
  const entries = useInfiniteQuery({
    queryKey: ['audit', query],
    initialPageParam: query.before ? Number(query.before) : undefined,
    queryFn: ({ pageParam }) =>
      api<AuditPageData>(
        'GET',
        withQuery('/api/v1/audit', { ...query, before: pageParam, limit: PAGE_SIZE }),
      ),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api<AuditVerification>('GET', '/api/v1/audit/verify') });
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const bad = verify.data?.firstBad?.seq;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Audit log</Title>
        <Button variant="light" loading={verify.isPending} onClick={() => verify.mutate()}>
          Verify chain
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        Every change in Firebreak, newest first. Each entry is chained to the one before it by its hash, so an
        altered, deleted or inserted entry shows up when the chain is verified.
      </Text>
      <VerificationResult result={verify.data} />
      <ErrorAlert error={verify.error} title="Could not verify the chain" />
      <AuditFilters />
      <ErrorAlert error={entries.error} title="Could not load the audit log" />
      {entries.isSuccess && items.length === 0 ? (
        <EmptyState title="No audit entries match">Loosen or clear the filters to see more.</EmptyState>
      ) : (
        <Table striped aria-label="Audit entries" style={{ opacity: entries.isPlaceholderData ? 0.6 : 1 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>#</Table.Th>
              <Table.Th w={200}>Time</Table.Th>
              <Table.Th>Actor</Table.Th>
              <Table.Th>Action</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th w="40%">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <AuditRow key={e.seq} event={e} broken={e.seq === bad} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {entries.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void entries.fetchNextPage()}
            loading={entries.isFetchingNextPage}
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AuditRow({ event: e, broken }: { event: AuditEvent; broken: boolean }) {
  return (
    <Table.Tr bg={broken ? 'var(--mantine-color-red-light)' : undefined} aria-invalid={broken || undefined}>
      <Table.Td ff="monospace">{e.seq}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <LocalTime iso={e.at} />
      </Table.Td>
      <Table.Td ff="monospace">
        {e.actorId ? (
          <Anchor
            component={Link}
            to={`?actorId=${encodeURIComponent(e.actorId)}`}
            size="sm"
            ff="monospace"
            title="Only this actor"
          >
            {e.actorLabel}
          </Anchor>
        ) : (
          e.actorLabel
        )}
      </Table.Td>
      <Table.Td ff="monospace">{e.action}</Table.Td>
      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {e.targetType}
        {e.targetId && (
          <>
            {' '}
            <Anchor
              component={Link}
              to={`?targetId=${encodeURIComponent(e.targetId)}`}
              size="sm"
              ff="monospace"
              title={`Only entries about ${e.targetId}`}
            >
              {e.targetId.slice(0, 8)}
            </Anchor>
          </>
        )}
      </Table.Td>
      {/* max-width 0 lets the cell take its column's share instead of the JSON's length. */}
      <Table.Td style={{ maxWidth: 0 }}>
        <AuditDetails data={e.data} hash={e.hash} sealed={e.sealed} />
      </Table.Td>
    </Table.Tr>
  );
}

function VerificationResult({ result }: { result: AuditVerification | undefined }) {
  if (!result) return null;
  if (result.ok)
    return (
      <Alert color="green" title="Chain intact">
        All {result.checked} entries verified: none was altered, deleted or inserted.
      </Alert>
    );
  const seq = result.firstBad?.seq;
  return (
    <Alert color="red" title={`Chain broken at entry ${seq ?? '?'}`} role="alert">
      {result.firstBad?.reason}. The entries before it are intact.{' '}
      {seq !== undefined && (
        <Anchor component={Link} to={`?before=${seq + 1}`}>
          Show entry {seq}
        </Anchor>
      )}
    </Alert>
  );
}
