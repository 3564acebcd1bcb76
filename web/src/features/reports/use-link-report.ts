import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Incident } from '#contracts/incidents.ts';
import type { Report } from '#contracts/reports.ts';
import { api } from '../../lib/api-client.ts';
import { incidentKeys, incidentPath } from '../incidents/incident-queries.ts';
import { useIncidentChange } from '../incidents/use-incident-change.ts';

/**
 * Links a new report to an existing incident. A suggestion or a search hit does not carry the
 * incident's version, so the incident is read first: the report joins it as it is now.
 */
export function useLinkReport(report: Pick<Report, 'id'>, onLinked?: (incident: Incident) => void) {
  const client = useQueryClient();
  const change = useIncidentChange((incident) => {
    void client.invalidateQueries({ queryKey: ['report', report.id] });
    void client.invalidateQueries({ queryKey: ['reports'] });
    notifications.show({ color: 'green', message: `Report linked to ${incident.key}` });
    onLinked?.(incident);
  });
  const load = useMutation({
    mutationFn: (key: string) =>
      client.fetchQuery({
        queryKey: incidentKeys.one(key),
        queryFn: () => api<Incident>('GET', incidentPath(key)),
        staleTime: 0,
      }),
    onSuccess: (incident) =>
      change.submit({ action: 'linkReports', body: { reportIds: [report.id] } }, incident),
  });
  return {
    link: (key: string) => load.mutate(key),
    change,
    /** The incident being linked to, while it is. */
    linking: load.isPending || change.pending ? (load.variables ?? null) : null,
    error: load.error,
  };
}
