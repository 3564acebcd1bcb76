import type { IncidentFollowUpsTable } from '../../platform/db/schema.ts';

/** What a follow-up is made of, as the API names it. */
export interface FollowUpFields {
  title: string;
  description: string;
  ownerId: string | null;
  dueDate: string | null;
  status: string;
  playbookId: string | null;
  procedure: string;
}

const columnOf = {
  title: 'title',
  description: 'description',
  ownerId: 'owner_id',
  dueDate: 'due_date',
  status: 'status',
  playbookId: 'playbook_id',
  procedure: 'procedure',
} as const satisfies Record<keyof FollowUpFields, keyof IncidentFollowUpsTable>;

type Columns = Partial<Pick<IncidentFollowUpsTable, (typeof columnOf)[keyof FollowUpFields]>>;

/** The fields a patch really changes: columns to write, and before/after for the timeline and audit. */
export function followUpChanges(
  row: Pick<IncidentFollowUpsTable, (typeof columnOf)[keyof FollowUpFields]>,
  patch: Partial<FollowUpFields>,
) {
  const columns: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of Object.keys(columnOf) as (keyof FollowUpFields)[]) {
    const value = patch[field];
    const column = columnOf[field];
    if (value === undefined || value === row[column]) continue;
    columns[column] = value;
    before[field] = row[column];
    after[field] = value;
  }
  return { columns: columns as Columns, before, after };
}
