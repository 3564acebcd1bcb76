import { Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { IncidentObservable } from '#contracts/observables.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { hasRole } from '../../lib/roles.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { ObservableChip } from '../../ui/observable-chip.tsx';
import { RowActions } from '../../ui/row-actions.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { defang } from '../../lib/defang.ts';
import { AddObservableModal } from './add-observable-modal.tsx';
import { EditObservableModal } from './edit-observable-modal.tsx';
import { EnrichmentResults } from './enrichment-results.tsx';
import { observableKeys, useIncidentObservables, useObservableWrites } from './observable-queries.ts';
import { PasteObservablesModal } from './paste-observables-modal.tsx';

/** The incident's observables (its own and its reports'), with sightings elsewhere and enrichment. */
export function ObservablesTab({ incidentKey }: { incidentKey: string }) {
  const list = useIncidentObservables(incidentKey);
  const writes = useObservableWrites(incidentKey);
  const client = useQueryClient();
  const canEdit = hasRole(useSignedInUser().role, 'handler');
  const [dialog, setDialog] = useState<'add' | 'paste' | null>(null);
  const [removing, setRemoving] = useState<IncidentObservable | null>(null);
  const [editing, setEditing] = useState<(IncidentObservable & { id: string }) | null>(null);
  useLiveEvent('incident.observables.changed', (e) => {
    if (e.data.key === incidentKey)
      void client.invalidateQueries({ queryKey: observableKeys.incident(incidentKey) });
  });
  const items = list.data?.items ?? [];
  const enrichOne = (o: IncidentObservable) =>
    writes.enrich.mutate({ items: [{ type: o.type, value: o.value }], force: true });

  return (
    <Stack gap="sm" aria-label="Observables">
      {canEdit && (
        <Group justify="space-between">
          <Group gap="xs">
            <Button size="xs" onClick={() => setDialog('add')}>
              Add observable
            </Button>
            <Button size="xs" variant="light" onClick={() => setDialog('paste')}>
              Paste text
            </Button>
          </Group>
          <Button
            size="xs"
            variant="light"
            disabled={!items.length}
            loading={writes.enrich.isPending && !writes.enrich.variables?.items}
            onClick={() => writes.enrich.mutate({})}
          >
            Enrich all
          </Button>
        </Group>
      )}
      <ErrorAlert error={list.error} title="Could not load the observables" />
      <ErrorAlert
        error={writes.enrich.error ?? writes.update.error ?? writes.add.error}
        title="That did not work"
        onClose={() => {
          writes.enrich.reset();
          writes.update.reset();
          writes.add.reset();
        }}
      />
      {list.isSuccess && items.length === 0 ? (
        <EmptyState title="No observables yet">
          Add one, or paste an e-mail or log excerpt to extract them; those of linked reports appear here too.
        </EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Incident observables" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Observable</Table.Th>
                <Table.Th>Tags</Table.Th>
                <Table.Th>IOC</Table.Th>
                <Table.Th>TLP</Table.Th>
                <Table.Th>Sightings</Table.Th>
                <Table.Th>Enrichment</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={`${o.type}:${o.value}`} data-observable={o.value}>
                  <Table.Td>
                    <ObservableChip observable={o} />
                    <Text size="xs" c="dimmed">
                      {o.source === 'report' ? `from ${o.reportIds.length} linked report(s)` : o.source}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{o.tags.join(', ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      size="xs"
                      aria-label={`IOC ${defang(o.value)}`}
                      checked={o.ioc}
                      disabled={!canEdit}
                      onChange={(e) =>
                        o.id
                          ? writes.update.mutate({ id: o.id, ioc: e.currentTarget.checked })
                          : writes.add.mutate([
                              { type: o.type, value: o.value, tlp: o.tlp, ioc: true, source: 'report' },
                            ])
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <TlpBadge tlp={o.tlp} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" data-testid="sightings">
                      {o.sightings.summary}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={380}>
                    <EnrichmentResults enrichments={o.enrichments} />
                  </Table.Td>
                  <Table.Td>
                    {canEdit && (
                      <RowActions
                        actions={[
                          {
                            label: 'Enrich',
                            ariaLabel: `Enrich ${defang(o.value)}`,
                            onClick: () => enrichOne(o),
                            loading:
                              writes.enrich.isPending &&
                              writes.enrich.variables?.items?.[0]?.value === o.value,
                          },
                          ...(o.id
                            ? [
                                {
                                  label: 'Edit',
                                  ariaLabel: `Edit ${defang(o.value)}`,
                                  onClick: () => setEditing({ ...o, id: o.id! }),
                                },
                                {
                                  label: 'Remove',
                                  ariaLabel: `Remove ${defang(o.value)}`,
                                  color: 'red',
                                  onClick: () => setRemoving(o),
                                },
                              ]
                            : []),
                        ]}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddObservableModal
        incidentKey={incidentKey}
        opened={dialog === 'add'}
        onClose={() => setDialog(null)}
      />
      <PasteObservablesModal
        incidentKey={incidentKey}
        opened={dialog === 'paste'}
        onClose={() => setDialog(null)}
      />
      {editing && (
        <EditObservableModal
          incidentKey={incidentKey}
          observable={editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title="Remove the observable?"
        confirmLabel="Remove"
        loading={writes.remove.isPending}
        error={writes.remove.error}
        onConfirm={() =>
          removing?.id && writes.remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })
        }
        onCancel={() => setRemoving(null)}
      >
        {removing &&
          `${removing.type} ${defang(removing.value)} leaves this incident (its linked reports keep theirs).`}
      </ConfirmDialog>
    </Stack>
  );
}
