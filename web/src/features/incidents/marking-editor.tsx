import { Popover, Select, Stack, UnstyledButton } from '@mantine/core';
import { Tlp } from '#contracts/identity.ts';
import type { Incident } from '#contracts/incidents.ts';
import { Pap } from '#contracts/reports.ts';
import { MarkingBadges } from '../../ui/marking-badges.tsx';
import type { IncidentChangeHandle } from './use-incident-change.ts';

/** The TLP and PAP badges, large and always visible; a click changes them. */
export function MarkingEditor({ incident, change }: { incident: Incident; change: IncidentChangeHandle }) {
  return (
    <Popover position="bottom-start" withinPortal trapFocus>
      <Popover.Target>
        <UnstyledButton
          aria-label={`Marking TLP:${incident.tlp.toUpperCase()} PAP:${incident.pap.toUpperCase()}, change`}
        >
          <MarkingBadges tlp={incident.tlp} pap={incident.pap} />
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={200}>
          <Select
            label="TLP"
            size="xs"
            data={Tlp.options}
            value={incident.tlp}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            onChange={(v) => v && change.submit({ action: 'update', body: { tlp: v } }, incident)}
          />
          <Select
            label="PAP"
            size="xs"
            data={Pap.options}
            value={incident.pap}
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            onChange={(v) => v && change.submit({ action: 'update', body: { pap: v } }, incident)}
          />
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
