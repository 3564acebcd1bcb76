import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type {
  CustodyEntry,
  CustodyTransfer,
  EvidenceItem,
  EvidenceVerification,
} from '#contracts/evidence.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { api, ApiError } from '../../lib/api-client.ts';
import { hasRole } from '../../lib/roles.ts';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { evidenceKeys, evidencePath, useCustody } from './evidence-queries.ts';

/** One item's chain of custody: every entry, verify (chain + re-hash), export, record a transfer. */
export function CustodyPanel({ incidentKey, item }: { incidentKey: string; item: EvidenceItem }) {
  const user = useSignedInUser();
  const client = useQueryClient();
  const custody = useCustody(incidentKey, item.id);
  const base = evidencePath(incidentKey, item.id);
  const refresh = () => client.invalidateQueries({ queryKey: evidenceKeys.custody(incidentKey, item.id) });
  const verify = useMutation({
    mutationFn: () => api<EvidenceVerification>('POST', `${base}/verify`),
    // Recorded in the chain whichever way it went.
    onSettled: refresh,
  });
  return (
    <Stack gap="xs" mt="sm" aria-label={`Chain of custody of ${item.filename}`}>
      <Group gap="sm">
        <Button size="xs" variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
          Verify
        </Button>
        <Anchor href={`${base}/custody.csv`} size="sm" download>
          Export CSV
        </Anchor>
        <Anchor href={`${base}/custody`} size="sm" target="_blank" rel="noreferrer">
          JSON
        </Anchor>
      </Group>
      {verify.isSuccess && (
        <Alert color="green" title="Verified">
          The chain of custody is intact ({verify.data.chain.entries} entries) and the stored file hashes to
          its SHA-256, SHA-1 and MD5.
        </Alert>
      )}
      <ErrorAlert error={verify.error} title="Verification failed" />
      <ErrorAlert error={custody.error} title="Could not load the chain of custody" />
      <Table striped withTableBorder fz="xs" aria-label="Custody log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Details</Table.Th>
            <Table.Th>Hash</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(custody.data?.entries ?? []).map((e) => (
            <Table.Tr key={e.seq} data-action={e.action}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td>
                <LocalTime iso={e.at} size="xs" />
              </Table.Td>
              <Table.Td>{label(e)}</Table.Td>
              <Table.Td>{e.actorLabel}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }}>{details(e)}</Table.Td>
              <Table.Td ff="monospace" title={e.hash}>
                {e.hash.slice(0, 12)}…
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {hasRole(user.role, 'handler') && <TransferForm path={`${base}/custody`} onDone={refresh} />}
    </Stack>
  );
}

function label(e: CustodyEntry): string {
  if (e.action === 'verified') return e.data.ok === false ? 'verification FAILED' : 'verified';
  return e.action;
}

function details(e: CustodyEntry): string {
  // The server wrote these fields; anything else shows as empty rather than `[object Object]`.
  const f = (name: string) => {
    const v = e.data[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  switch (e.action) {
    case 'acquired':
      return `${f('method')} from ${f('source')} by ${f('acquiredBy')} with ${f('tool')}`;
    case 'transferred':
    case 'exported':
    case 'returned':
    case 'disposed':
    case 'sealed':
      return `to ${f('to')}${f('note') ? ` — ${f('note')}` : ''}`;
    case 'verified':
      return e.data.ok === false ? f('reason') : 'chain intact, hashes match';
    default:
      return f('via');
  }
}

function TransferForm({ path, onDone }: { path: string; onDone: () => Promise<unknown> }) {
  const [action, setAction] = useState<CustodyTransfer['action']>('transferred');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const record = useMutation({
    mutationFn: () => api<CustodyEntry>('POST', path, { action, to, note }),
    onSuccess: async () => {
      setTo('');
      setNote('');
      await onDone();
    },
  });
  const errors = record.error instanceof ApiError ? record.error.fieldErrors() : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Record a transfer">
      <Group align="flex-end" gap="xs">
        <Select
          size="xs"
          w={140}
          label="Record"
          data={[
            { value: 'transferred', label: 'Transferred' },
            { value: 'exported', label: 'Copy exported' },
            // These close the item's custody, as the closure check wants before the incident closes.
            { value: 'returned', label: 'Returned' },
            { value: 'disposed', label: 'Disposed of' },
            { value: 'sealed', label: 'Sealed' },
          ]}
          value={action}
          onChange={(v) => v && setAction(v)}
          allowDeselect={false}
        />
        <TextInput
          size="xs"
          label="To"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={errors.to}
        />
        <TextInput size="xs" label="Note" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Button size="xs" type="submit" loading={record.isPending}>
          Record
        </Button>
      </Group>
      {record.error && !errors.to && (
        <Text size="xs" c="red">
          {record.error.message}
        </Text>
      )}
    </form>
  );
}
