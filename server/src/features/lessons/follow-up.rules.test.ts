import { describe, expect, it } from 'vitest';
import { followUpChanges } from './follow-up.rules.ts';

const row = {
  title: 'Patch VPN',
  description: '',
  owner_id: null,
  due_date: '2026-12-01',
  status: 'open',
  playbook_id: null,
  procedure: '',
};

describe('followUpChanges', () => {
  it.each([
    [{}, {}],
    [{ title: 'Patch VPN' }, {}],
    [{ status: 'done' }, { status: 'done' }],
    [
      { dueDate: null, ownerId: 'u1' },
      { dueDate: null, ownerId: 'u1' },
    ],
    [{ procedure: 'https://wiki/x', title: 'Patch VPN' }, { procedure: 'https://wiki/x' }],
  ])('%j changes %j', (patch, after) => {
    expect(followUpChanges(row, patch).after).toEqual(after);
  });

  it('maps fields to columns and keeps what they were', () => {
    const c = followUpChanges(row, { dueDate: '2027-01-15', ownerId: 'u1' });
    expect(c.columns).toEqual({ due_date: '2027-01-15', owner_id: 'u1' });
    expect(c.before).toEqual({ dueDate: '2026-12-01', ownerId: null });
  });
});
