import { z } from 'zod';
import { Timestamp } from './common.ts';

/** The steps of the ENISA resolution cycle (guide section 4), plus `other`. */
export const TaskStep = z.enum([
  'analysis',
  'research',
  'proposed_action',
  'performed_action',
  'eradication',
  'recovery',
  'other',
]);
export type TaskStep = z.infer<typeof TaskStep>;

/** Who a task is for or waits on. */
export const PartyKind = z.enum([
  'own_team',
  'handler',
  'constituency_contact',
  'isp',
  'cert',
  'vendor',
  'management',
]);
export type PartyKind = z.infer<typeof PartyKind>;

/** `proposed → in_progress → done → verified`, or `cancelled`; done/verified may be reopened. */
export const TaskStatus = z.enum(['proposed', 'in_progress', 'done', 'verified', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** How a performed action was verified (guide 4.4): monitored technically, or asked of the party. */
export const VerificationMethod = z.enum(['technical_check', 'party_confirmation']);
export type VerificationMethod = z.infer<typeof VerificationMethod>;

export const ApprovalStatus = z.enum(['pending', 'approved', 'rejected']);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

export const Party = z.object({
  kind: PartyKind,
  /** Free name: the ISP, the CERT, the vendor, the contact. */
  name: z.string().trim().max(200).default(''),
  /** A user, when the party is one of ours (a named handler). */
  userId: z.string().max(100).nullable().default(null),
});
export type Party = z.infer<typeof Party>;

export const UserRef = z.object({ id: z.string(), name: z.string() });

export const TaskApproval = z.object({
  decision: z.enum(['approved', 'rejected']),
  reason: z.string(),
  actor: z.string(),
  at: Timestamp,
});
export type TaskApproval = z.infer<typeof TaskApproval>;

export const Task = z.object({
  id: z.string(),
  incidentKey: z.string(),
  cycle: z.number().int(),
  /** The cycle the task was created in; below `cycle` when it was carried over. */
  originCycle: z.number().int(),
  title: z.string(),
  description: z.string(),
  step: TaskStep,
  party: Party,
  owner: UserRef.nullable(),
  dueAt: Timestamp.nullable(),
  status: TaskStatus,
  requiresApproval: z.boolean(),
  /** Users designated to approve besides leads and admins. */
  approverIds: z.array(z.string()),
  /** Null when no approval is required. */
  approval: ApprovalStatus.nullable(),
  approvals: z.array(TaskApproval),
  verification: z
    .object({ method: VerificationMethod, note: z.string(), by: z.string(), at: Timestamp })
    .nullable(),
  /** The playbook item the task came from, when a playbook created it. */
  playbookItemId: z.string().nullable(),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int(),
});
export type Task = z.infer<typeof Task>;

export const TaskCycle = z.object({ number: z.number().int(), startedAt: Timestamp, startedBy: z.string() });
export type TaskCycle = z.infer<typeof TaskCycle>;

export const TaskBoard = z.object({
  currentCycle: z.number().int(),
  cycles: z.array(TaskCycle),
  items: z.array(Task),
});
export type TaskBoard = z.infer<typeof TaskBoard>;

const Title = z.string().trim().min(1).max(300);
const Description = z.string().trim().max(5000);

export const NewTask = z.object({
  title: Title,
  description: Description.default(''),
  step: TaskStep,
  party: Party,
  ownerId: z.string().max(100).nullable().default(null),
  dueAt: Timestamp.nullable().default(null),
  requiresApproval: z.boolean().default(false),
  approverIds: z.array(z.string().max(100)).max(20).default([]),
});
export type NewTask = z.infer<typeof NewTask>;

export const UpdateTask = z.object({
  version: z.number().int().positive(),
  title: Title.optional(),
  description: Description.optional(),
  step: TaskStep.optional(),
  party: Party.optional(),
  ownerId: z.string().max(100).nullable().optional(),
  dueAt: Timestamp.nullable().optional(),
  requiresApproval: z.boolean().optional(),
  approverIds: z.array(z.string().max(100)).max(20).optional(),
});
export type UpdateTask = z.infer<typeof UpdateTask>;

export const TaskTransition = z.object({
  version: z.number().int().positive(),
  to: TaskStatus,
  /** Why: required to reopen or cancel. */
  reason: z.string().trim().max(2000).default(''),
  /** Required to move to `verified`. */
  verification: z.object({ method: VerificationMethod, note: z.string().trim().min(1).max(2000) }).optional(),
});
export type TaskTransition = z.infer<typeof TaskTransition>;

export const TaskDecision = z.object({
  version: z.number().int().positive(),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().trim().min(1).max(2000),
});
export type TaskDecision = z.infer<typeof TaskDecision>;

export const NewCycle = z.object({
  /** The cycle the caller saw as current; a stale one gets 409. */
  currentCycle: z.number().int().positive(),
  note: z.string().trim().max(2000).default(''),
});
export type NewCycle = z.infer<typeof NewCycle>;

export const TaskParams = z.object({ key: z.string().min(1).max(40), id: z.string().min(1).max(100) });
