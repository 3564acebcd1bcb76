import { describe, expect, it } from 'vitest';
import type { Analysis } from '#contracts/notes.ts';
import {
  closureCheck,
  findingsText,
  openItemsText,
  suggestParties,
  type PartyRow,
} from './incident-closure.rules.ts';

const task = (title: string) => ({ id: title, title, status: 'proposed' as const });
const item = (filename: string) => ({ id: filename, filename, lastAction: 'transferred' });

describe('closure rules', () => {
  it.each([
    [[], [], ''],
    [[task('a')], [], '1 open task'],
    [[task('a'), task('b')], [item('x')], '2 open tasks and 1 evidence item with open custody'],
    [[], [item('x'), item('y')], '2 evidence items with open custody'],
  ])('describes %j / %j as "%s"', (tasks, evidence, text) => {
    const check = closureCheck(tasks, evidence);
    expect(check.clear).toBe(!text);
    expect(openItemsText(check)).toBe(text);
  });

  it.each<[string, PartyRow, { address: string; name: string; audience: string } | null]>([
    [
      'a contact keeps its audience',
      { source: 'constituency_contact', name: 'Carol', text: 'carol@h.example', audience: 'descriptive' },
      { address: 'carol@h.example', name: 'Carol', audience: 'descriptive' },
    ],
    [
      'a reporter reads the descriptive note',
      { source: 'reporter', name: 'Anna', text: 'Anna <anna@mail.example>' },
      { address: 'anna@mail.example', name: 'Anna', audience: 'descriptive' },
    ],
    [
      'a management task party too',
      {
        source: 'task_party',
        name: 'Board <b@c.example>',
        text: 'Board <b@c.example>',
        partyKind: 'management',
      },
      { address: 'b@c.example', name: 'Board', audience: 'descriptive' },
    ],
    [
      'an ISP the technical one',
      { source: 'task_party', name: 'abuse@isp.example', text: 'abuse@isp.example', partyKind: 'isp' },
      { address: 'abuse@isp.example', name: '', audience: 'technical' },
    ],
    [
      'a party without an address is left out',
      { source: 'reporter', name: 'Phone caller', text: '+43 1 234' },
      null,
    ],
  ])('%s', (_, row, expected) => {
    const [party] = suggestParties([row], []);
    expect(party ? { address: party.address, name: party.name, audience: party.audience } : null).toEqual(
      expected,
    );
  });

  it('lists each address once, the first source winning, and never the team itself', () => {
    const parties = suggestParties(
      [
        { source: 'constituency_contact', name: 'Bob', text: 'bob@h.example', audience: 'technical' },
        { source: 'communication', name: '', text: 'BOB@h.example' },
        { source: 'communication', name: '', text: 'cert@team.example' },
        { source: 'communication', name: '', text: 'isp@x.example' },
      ],
      ['CERT@team.example'],
    );
    expect(parties.map((p) => [p.address, p.source])).toEqual([
      ['bob@h.example', 'constituency_contact'],
      ['isp@x.example', 'communication'],
    ]);
  });

  const analysis: Analysis = {
    incidentKey: 'FB-1',
    rootCause: 'Weak password',
    assets: [{ name: 'web-01', identifier: '10.0.0.1', kind: 'server', owner: '', state: 'recovered' }],
    impact: {
      confidentiality: 'high',
      integrity: null,
      availability: 'low',
      affectedUsers: null,
      affectedRecords: null,
      business: '',
    },
    updatedBy: null,
    updatedAt: null,
    version: 1,
  };

  it('writes the findings for the audience: systems only for technical readers', () => {
    expect(findingsText(analysis, 'technical')).toBe(
      'Root cause: Weak password\nImpact: confidentiality high, availability low\nAffected systems:\n- web-01 (10.0.0.1): recovered',
    );
    expect(findingsText(analysis, 'descriptive')).toBe(
      'Root cause: Weak password\nImpact: confidentiality high, availability low',
    );
    expect(
      findingsText(
        {
          ...analysis,
          rootCause: '',
          assets: [],
          impact: { ...analysis.impact, confidentiality: null, availability: null },
        },
        'technical',
      ),
    ).toBe('(no findings recorded)');
  });
});
