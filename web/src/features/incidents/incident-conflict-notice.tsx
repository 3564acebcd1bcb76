import { Text } from '@mantine/core';
import type { Incident } from '#contracts/incidents.ts';
import { ConflictNotice } from '../../ui/conflict-notice.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { incidentDiff } from './incident-diff.ts';
import { useIncident, useIncidentTimeline } from './incident-queries.ts';
import { refusalTitle } from './incident-refusals.ts';
import { changedElsewhere } from './incident-versions.ts';
import type { IncidentChangeHandle } from './use-incident-change.ts';

/**
 * A refused save (409) with what changed and who changed it, or any other failure of the change.
 * `onReapply` lets a form send its edited input; by default the refused change is sent again.
 */
export function IncidentChangeFeedback({
  change,
  onReapply,
  onDiscard,
}: {
  change: IncidentChangeHandle;
  onReapply?: () => void;
  onDiscard?: () => void;
}) {
  if (!change.conflict)
    return <ErrorAlert error={change.error} title={refusalTitle(change.error)} onClose={change.reset} />;
  return (
    <Conflict
      {...change.conflict}
      pending={change.pending}
      onReapply={onReapply ?? (() => change.reapply())}
      onDiscard={() => {
        change.discard();
        onDiscard?.();
      }}
    />
  );
}

function Conflict({
  base,
  current,
  pending,
  onReapply,
  onDiscard,
}: {
  base: Incident;
  current: Incident;
  pending: boolean;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const timeline = useIncidentTimeline(current.key);
  const by = [
    ...new Set(timeline.data?.items.filter((e) => e.at > base.updatedAt).map((e) => e.actor) ?? []),
  ];
  return (
    <ConflictNotice
      title={`Someone else changed ${current.key} first`}
      changes={incidentDiff(base, current)}
      by={by}
      reapplying={pending}
      onReapply={onReapply}
      onDiscard={onDiscard}
    />
  );
}

/** The subtle notice a form shows when a colleague's change arrives while the user is still typing. */
export function ChangedElsewhereNotice({ base }: { base: Incident }) {
  const latest = useIncident(base.key).data;
  if (!latest || !changedElsewhere(base, latest)) return null;
  return (
    <Text size="xs" role="status" style={{ color: 'var(--mantine-color-orange-text)' }}>
      Updated by someone else while you were editing. Saving will show what changed before anything is
      overwritten.
    </Text>
  );
}
