import { ActionIcon, Anchor, Button, Card, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EvidenceItem } from '#contracts/evidence.ts';
import type { Incident } from '#contracts/incidents.ts';
import { useSignedInUser } from '../../app/session.tsx';
import { formatBytes } from '../../lib/bytes.ts';
import { useLiveEvent } from '../../lib/live-events.tsx';
import { hasRole } from '../../lib/roles.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { LocalTime } from '../../ui/local-time.tsx';
import { TlpBadge } from '../../ui/tlp-badge.tsx';
import { CustodyPanel } from './custody-panel.tsx';
import { evidenceKeys, evidencePath, useEvidence } from './evidence-queries.ts';
import { EvidenceUploadDialog } from './evidence-upload-dialog.tsx';

/** The Evidence tab: the locker's items with their hashes and acquisition, custody per item, upload. */
export function EvidenceTab({ incident }: { incident: Incident }) {
  const user = useSignedInUser();
  const client = useQueryClient();
  const evidence = useEvidence(incident.key);
  const [uploading, setUploading] = useState(false);
  // Uploads, downloads and verifications by anyone change the lists and custody logs.
  useLiveEvent('incident.changed', (e) => {
    if (e.data.key === incident.key)
      void client.invalidateQueries({ queryKey: evidenceKeys.list(incident.key) });
  });
  const items = evidence.data?.items ?? [];
  return (
    <Stack gap="sm" aria-label="Evidence">
      {hasRole(user.role, 'handler') && !incident.mergedInto && (
        <Group justify="flex-end">
          <Button onClick={() => setUploading(true)}>Add evidence</Button>
        </Group>
      )}
      <ErrorAlert error={evidence.error} title="Could not load the evidence" />
      {evidence.isSuccess && items.length === 0 && (
        <EmptyState title="No evidence yet">
          Files added here are hashed (SHA-256, SHA-1, MD5), encrypted under this incident&apos;s key and
          logged in a chain of custody.
        </EmptyState>
      )}
      {items.map((item) => (
        <EvidenceCard key={item.id} incidentKey={incident.key} item={item} />
      ))}
      <EvidenceUploadDialog
        incidentKey={incident.key}
        acquiredBy={user.name}
        opened={uploading}
        onClose={() => setUploading(false)}
      />
    </Stack>
  );
}

function EvidenceCard({ incidentKey, item }: { incidentKey: string; item: EvidenceItem }) {
  const [custodyOpen, setCustodyOpen] = useState(false);
  return (
    <Card withBorder padding="sm" data-evidence-id={item.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" style={{ wordBreak: 'break-all' }}>
            {item.filename}
          </Text>
          <Text size="xs" c="dimmed">
            {formatBytes(item.size)} · {item.method} · from {item.source} · {item.tool}
            {item.toolVersion ? ` ${item.toolVersion}` : ''} · acquired by {item.acquiredBy},{' '}
            <LocalTime iso={item.acquiredAt} size="xs" span />
          </Text>
          {item.description && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {item.description}
            </Text>
          )}
        </Stack>
        <TlpBadge tlp={item.tlp} />
      </Group>
      <Stack gap={0} mt={6}>
        <Digest label="SHA-256" value={item.sha256} />
        <Digest label="SHA-1" value={item.sha1} />
        <Digest label="MD5" value={item.md5} />
      </Stack>
      <Group gap="sm" mt={6}>
        <Anchor href={`${evidencePath(incidentKey, item.id)}/download`} size="sm" download>
          Download
        </Anchor>
        <Anchor component="button" size="sm" onClick={() => setCustodyOpen((o) => !o)}>
          {custodyOpen ? 'Hide chain of custody' : 'Chain of custody'}
        </Anchor>
      </Group>
      {custodyOpen && <CustodyPanel incidentKey={incidentKey} item={item} />}
    </Card>
  );
}

function Digest({ label, value }: { label: string; value: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed" w={56}>
        {label}
      </Text>
      <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }} aria-label={label}>
        {value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy ${label}`}>
            <ActionIcon size="xs" variant="subtle" onClick={copy} aria-label={`Copy ${label}`}>
              {copied ? '✓' : '⧉'}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
