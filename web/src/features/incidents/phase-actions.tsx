import { Button, Menu } from '@mantine/core';
import type { Incident } from '#contracts/incidents.ts';
import { isOpenPhase, nextPhases, phaseLabel } from './incident-labels.ts';
import type { IncidentChangeHandle } from './use-incident-change.ts';

/**
 * The moves allowed from the current phase. Plain moves go at once (the user sees the state they act
 * on); closing and reopening ask for outcome or reason first.
 */
export function PhaseActions({
  incident,
  change,
  onVerify,
  onClassify,
  onCloseIncident,
  onReopen,
}: {
  incident: Incident;
  change: IncidentChangeHandle;
  onVerify: () => void;
  onClassify: () => void;
  onCloseIncident: () => void;
  onReopen: () => void;
}) {
  const next = nextPhases(incident.phase);
  const open = isOpenPhase(incident.phase);
  return (
    <Button.Group>
      {incident.phase === 'triage' && !incident.verified && (
        <Button size="xs" variant="default" onClick={onVerify}>
          Verify…
        </Button>
      )}
      <Button size="xs" variant="default" onClick={onClassify}>
        Classify
      </Button>
      {next.length > 0 && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="xs" variant="default" loading={change.pending}>
              Change phase
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Move to</Menu.Label>
            {next.map((to) => (
              <Menu.Item
                key={to}
                onClick={() => change.submit({ action: 'transition', body: { to } }, incident)}
              >
                {phaseLabel[to]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {open ? (
        <Button size="xs" variant="light" color="red" onClick={onCloseIncident}>
          Close…
        </Button>
      ) : (
        <Button size="xs" variant="light" onClick={onReopen}>
          Reopen…
        </Button>
      )}
    </Button.Group>
  );
}
