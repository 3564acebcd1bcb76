import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '#contracts/tasks.ts';
import { decisionProblem, mayDecide, transitionProblems, type TaskState } from './task.rules.ts';

const plain = (status: TaskStatus): TaskState => ({ status, requiresApproval: false, approval: null });
const verification = { method: 'technical_check' as const, note: 'port closed' };

describe('task transitions', () => {
  const cases: [TaskStatus, TaskStatus, string | null][] = [
    ['proposed', 'in_progress', null],
    ['proposed', 'cancelled', null],
    ['proposed', 'done', 'illegal_task_transition'],
    ['proposed', 'verified', 'illegal_task_transition'],
    ['in_progress', 'done', null],
    ['in_progress', 'proposed', 'illegal_task_transition'],
    ['done', 'verified', null],
    ['done', 'in_progress', null],
    ['done', 'cancelled', 'illegal_task_transition'],
    ['verified', 'in_progress', null],
    ['verified', 'done', 'illegal_task_transition'],
    ['cancelled', 'proposed', 'illegal_task_transition'],
    ['cancelled', 'in_progress', 'illegal_task_transition'],
  ];
  it.each(cases)('%s → %s: %s', (from, to, code) => {
    const problems = transitionProblems(plain(from), { to, reason: 'why', verification });
    expect(problems.map((p) => p.code)).toEqual(code ? [code] : []);
  });

  it('names the allowed transitions when refusing one', () => {
    const [problem] = transitionProblems(plain('proposed'), { to: 'done', reason: '' });
    expect(problem).toMatchObject({ kind: 'conflict', allowed: ['in_progress', 'cancelled'] });
    expect(problem?.message).toBe(
      'A proposed task cannot become done; from proposed it can become: in_progress, cancelled',
    );
    expect(transitionProblems(plain('cancelled'), { to: 'proposed', reason: '' })[0]?.message).toMatch(
      /it can become: nothing$/,
    );
  });

  it.each([
    ['pending', ['approval_required']],
    ['rejected', ['approval_required']],
    ['approved', []],
  ] as const)('done with approval %s: %j', (approval, codes) => {
    const task: TaskState = { status: 'in_progress', requiresApproval: true, approval };
    expect(transitionProblems(task, { to: 'done', reason: '' }).map((p) => p.code)).toEqual(codes);
  });

  it('needs a verification to verify and a reason to reopen or cancel', () => {
    expect(transitionProblems(plain('done'), { to: 'verified', reason: '' }).map((p) => p.code)).toEqual([
      'verification_required',
    ]);
    expect(
      transitionProblems(plain('verified'), { to: 'in_progress', reason: ' ' }).map((p) => p.code),
    ).toEqual(['reason_required']);
    expect(transitionProblems(plain('proposed'), { to: 'cancelled', reason: '' }).map((p) => p.code)).toEqual(
      ['reason_required'],
    );
    expect(transitionProblems(plain('proposed'), { to: 'in_progress', reason: '' })).toEqual([]);
  });
});

describe('approval', () => {
  it.each([
    ['lead', 'u1', [], true],
    ['admin', 'u1', [], true],
    ['handler', 'u1', [], false],
    ['handler', 'u1', ['u1'], true],
    ['handler', 'u2', ['u1'], false],
    ['viewer', null, ['u1'], false],
  ] as const)('%s %s designated %j → %s', (role, id, approvers, ok) => {
    expect(mayDecide(role, id, approvers)).toBe(ok);
  });

  it('is only decided on open tasks that require it', () => {
    expect(decisionProblem(plain('proposed'))?.code).toBe('approval_not_required');
    expect(decisionProblem({ status: 'done', requiresApproval: true, approval: 'approved' })?.code).toBe(
      'approval_closed',
    );
    expect(
      decisionProblem({ status: 'in_progress', requiresApproval: true, approval: 'rejected' }),
    ).toBeNull();
  });
});
