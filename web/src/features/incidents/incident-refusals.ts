import { ApiError } from '../../lib/api-client.ts';

// What the server's refusals mean for the handler, as the title above its own explanation.
const titles: Record<string, string> = {
  already_taken: 'Someone else took it first',
  cannot_take: 'You may not take this incident',
  not_classified: 'Classify it before assigning automatically',
  no_specialist_available: 'No specialist is available: assign someone by hand',
  incident_closed: 'The incident is closed',
  assignee_not_allowed: 'Not everyone chosen can be assigned',
  incidents_not_mergeable: 'Nothing was merged',
  incident_unknown: 'No such incident',
  self_relation: 'An incident cannot relate to itself',
  open_items: 'Tasks or evidence are still open: give a reason to close anyway',
  incident_archived: 'The incident is archived: reopen it first',
  incident_destroyed: 'The incident was destroyed under the retention policy',
};

/** A title for a refused change of an incident, from its problem code; undefined for the generic one. */
export function refusalTitle(error: unknown): string | undefined {
  return error instanceof ApiError ? titles[error.problem.code] : undefined;
}
