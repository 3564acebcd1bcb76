import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ReportBulkAction, ReportBulkResult } from '#contracts/report-bulk.ts';
import { api } from '../../lib/api-client.ts';
import { incidentKeys } from '../incidents/incident-queries.ts';
import { reportCount } from './report-labels.ts';

const done: Record<ReportBulkResult['action'], string> = {
  link: 'linked to',
  open: 'opened as',
  discard: 'discarded',
};

/** One bulk action on inbox reports (all or none); refreshes what it changed and says what happened. */
export function useReportBulk(onDone: (result: ReportBulkResult) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: z.input<typeof ReportBulkAction>) =>
      api<ReportBulkResult>('POST', '/api/v1/reports/bulk', action),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['reports'] });
      for (const id of result.reportIds) void client.invalidateQueries({ queryKey: ['report', id] });
      if (result.incidentKey) {
        void client.invalidateQueries({ queryKey: incidentKeys.one(result.incidentKey) });
        void client.invalidateQueries({ queryKey: incidentKeys.lists });
      }
      notifications.show({
        color: 'green',
        message: `${reportCount(result.reportIds.length)} ${done[result.action]}${result.incidentKey ? ` ${result.incidentKey}` : ''}`,
      });
      onDone(result);
    },
  });
}
