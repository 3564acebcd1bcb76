import { Button, Menu } from '@mantine/core';

const kinds = [
  { kind: 'technical', label: 'Technical report' },
  { kind: 'management', label: 'Management report' },
] as const;

/** Downloads and opens the incident's generated reports; each one is audited by the server. */
export function IncidentReportMenu({ incidentKey }: { incidentKey: string }) {
  const base = `/api/v1/incidents/${encodeURIComponent(incidentKey)}/reports`;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" aria-label="Incident reports">
          Export report
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {kinds.map(({ kind, label }) => [
          <Menu.Label key={`${kind}-label`}>{label}</Menu.Label>,
          <Menu.Item key={`${kind}-pdf`} component="a" href={`${base}/${kind}.pdf`} download>
            Download {label.toLowerCase()} (PDF)
          </Menu.Item>,
          <Menu.Item
            key={`${kind}-html`}
            component="a"
            href={`${base}/${kind}.html`}
            target="_blank"
            rel="noopener noreferrer"
          >
            Open {label.toLowerCase()} (HTML)
          </Menu.Item>,
        ])}
      </Menu.Dropdown>
    </Menu>
  );
}
