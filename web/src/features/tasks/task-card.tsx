import { Badge, Box, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { Task, TaskStatus } from '#contracts/tasks.ts';
import { LocalTime } from '../../ui/local-time.tsx';
import type { TaskAction } from './task-action-modal.tsx';
import { TaskChecks } from './task-checks.tsx';
import { partyLabel, statusColor, statusLabel, stepLabel } from './task-labels.ts';

const approvalColor = { pending: 'yellow', approved: 'green', rejected: 'red' } as const;

/** One task with its facts and the actions its status allows. */
export function TaskCard({
  task,
  canWrite,
  canDecide,
  busy,
  onMove,
  onTake,
  onAction,
  onEdit,
}: {
  task: Task;
  canWrite: boolean;
  canDecide: boolean;
  busy: boolean;
  onMove: (task: Task, to: TaskStatus) => void;
  onTake: (task: Task) => void;
  onAction: (task: Task, action: TaskAction) => void;
  onEdit: (task: Task) => void;
}) {
  const open = task.status === 'proposed' || task.status === 'in_progress';
  const blocked = task.requiresApproval && task.approval !== 'approved';
  const party = `${partyLabel[task.party.kind]}${task.party.name ? `: ${task.party.name}` : ''}`;
  const button = (label: string, run: () => void, extra: { color?: string; disabled?: boolean } = {}) => (
    <Button size="compact-xs" variant="light" onClick={run} loading={busy} {...extra}>
      {label}
    </Button>
  );
  return (
    <Card withBorder padding="sm" role="article" aria-label={`Task ${task.title}`} data-status={task.status}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" style={{ wordBreak: 'break-word' }}>
            {task.title}
          </Text>
          <Text size="xs" c="dimmed">
            {stepLabel[task.step]} · {party}
            {task.owner && ` · owner ${task.owner.name}`}
            {task.dueAt && (
              <>
                {' · due '}
                <LocalTime iso={task.dueAt} size="xs" />
              </>
            )}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {task.originCycle < task.cycle && (
            <Badge size="xs" variant="outline" color="gray">
              carried from cycle {task.originCycle}
            </Badge>
          )}
          {task.approval && (
            <Badge size="xs" variant="light" color={approvalColor[task.approval]}>
              {task.approval === 'pending' ? 'approval pending' : task.approval}
            </Badge>
          )}
          <Badge size="xs" variant="filled" color={statusColor[task.status]}>
            {statusLabel[task.status]}
          </Badge>
        </Group>
      </Group>
      {task.description && (
        <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {task.description}
        </Text>
      )}
      {task.verification && (
        <Text size="xs" mt={4} c="green.8">
          Verified by{' '}
          {task.verification.method === 'technical_check' ? 'technical check' : 'party confirmation'} (
          {task.verification.by}): {task.verification.note}
        </Text>
      )}
      {task.approvals.at(-1) && (
        <Text size="xs" mt={2} c="dimmed">
          {task.approvals.at(-1)!.decision === 'approved' ? 'Approved' : 'Rejected'} by{' '}
          {task.approvals.at(-1)!.actor}: {task.approvals.at(-1)!.reason}
        </Text>
      )}
      {canWrite && (
        <Group gap="xs" mt="xs">
          {open && !task.owner && button('Take', () => onTake(task))}
          {task.status === 'proposed' && button('Start', () => onMove(task, 'in_progress'))}
          {task.status === 'in_progress' &&
            (blocked ? (
              <Tooltip label="Needs approval first">
                <span>{button('Mark performed', () => undefined, { disabled: true })}</span>
              </Tooltip>
            ) : (
              button('Mark performed', () => onMove(task, 'done'))
            ))}
          {task.status === 'done' && button('Verify…', () => onAction(task, 'verify'), { color: 'green' })}
          {(task.status === 'done' || task.status === 'verified') &&
            button('Reopen…', () => onAction(task, 'reopen'))}
          {open && canDecide && task.requiresApproval && task.approval !== 'approved' && (
            <>
              {button('Approve…', () => onAction(task, 'approve'), { color: 'green' })}
              {task.approval !== 'rejected' &&
                button('Reject…', () => onAction(task, 'reject'), { color: 'red' })}
            </>
          )}
          {(open || task.status === 'done') && button('Edit…', () => onEdit(task), { color: 'gray' })}
          {open && button('Cancel…', () => onAction(task, 'cancel'), { color: 'gray' })}
        </Group>
      )}
      {task.status !== 'cancelled' && (
        <Box mt="xs">
          <TaskChecks incidentKey={task.incidentKey} taskId={task.id} canEdit={canWrite} />
        </Box>
      )}
    </Card>
  );
}
