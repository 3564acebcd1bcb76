import { describe, expect, it } from 'vitest';
import type { CorrelationRule } from '#contracts/correlation-rules.ts';
import {
  pickIncident,
  ruleApplies,
  seenWithin,
  suggestionsFrom,
  tellsNothing,
  windowAround,
  type SharingRow,
} from './correlation.rules.ts';

describe('observables that tell nothing', () => {
  it.each([
    ['ipv4', '127.0.0.1', true],
    ['ipv4', '127.10.0.3', true],
    ['ipv4', '0.0.0.0', true],
    ['ipv6', '::1', true],
    ['ipv6', '::', true],
    ['ipv6', '::ffff:7f00:1', true],
    ['ipv4', '10.0.0.1', false],
    ['ipv6', '2001:db8::1', false],
    ['domain', '127.example', false],
  ] as const)('%s %s: %s', (type, value, nothing) => expect(tellsNothing({ type, value })).toBe(nothing));
});

const rule = (over: Partial<CorrelationRule> = {}): CorrelationRule => ({
  id: 'r',
  name: 'Same IP',
  enabled: true,
  observableTypes: ['ipv4'],
  windowHours: 24,
  sameConstituency: false,
  minShared: 1,
  source: null,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'admin',
  ...over,
});

describe('windowAround and seenWithin', () => {
  const w = windowAround('2026-03-10T12:00:00.000Z', '2026-03-11T12:00:00.000Z', 24);
  it('reaches from a day before the first sighting to a day after the last', () => {
    expect(w).toEqual({ from: '2026-03-09T12:00:00.000Z', to: '2026-03-12T12:00:00.000Z' });
  });
  it.each([
    ['seen wholly before', '2026-03-01T00:00:00.000Z', '2026-03-09T11:59:59.000Z', false],
    ['still seen at the start', '2026-03-01T00:00:00.000Z', '2026-03-09T12:00:00.000Z', true],
    ['inside', '2026-03-10T00:00:00.000Z', '2026-03-10T00:00:00.000Z', true],
    ['first seen at the end', '2026-03-12T12:00:00.000Z', '2026-03-20T00:00:00.000Z', true],
    ['first seen after', '2026-03-12T12:00:01.000Z', '2026-03-20T00:00:00.000Z', false],
  ])('%s', (_name, receivedAt, lastSeenAt, expected) => {
    expect(seenWithin(w, { receivedAt, lastSeenAt })).toBe(expected);
  });
});

describe('ruleApplies', () => {
  it.each([
    ['an enabled rule for every source', rule(), { source: 'manual', constituencyId: null }, true],
    ['a disabled rule', rule({ enabled: false }), { source: 'manual', constituencyId: 'c' }, false],
    ['its source', rule({ source: 'suricata' }), { source: 'suricata', constituencyId: null }, true],
    ['another source', rule({ source: 'suricata' }), { source: 'wazuh', constituencyId: null }, false],
    [
      'same constituency, attributed',
      rule({ sameConstituency: true }),
      { source: 'x', constituencyId: 'c' },
      true,
    ],
    [
      'same constituency, unattributed',
      rule({ sameConstituency: true }),
      { source: 'x', constituencyId: null },
      false,
    ],
  ])('%s', (_name, r, report, expected) => {
    expect(ruleApplies(r, report)).toBe(expected);
  });
});

describe('pickIncident', () => {
  const mine = new Set(['ipv4:192.0.2.1', 'ipv4:192.0.2.2']);
  const linked = [
    { key: 'FB-2026-00001', reportId: 'a', lastSeenAt: '2026-03-10T00:00:00.000Z' },
    { key: 'FB-2026-00002', reportId: 'b', lastSeenAt: '2026-03-11T00:00:00.000Z' },
    { key: 'FB-2026-00003', reportId: 'c', lastSeenAt: '2026-03-09T00:00:00.000Z' },
  ];
  const ip = (reportId: string, value: string) => ({ reportId, type: 'ipv4' as const, value });
  it.each([
    ['nothing shared', [ip('a', '198.51.100.1')], 1, null],
    ['one shared', [ip('a', '192.0.2.1')], 1, 'FB-2026-00001'],
    ['too few shared', [ip('a', '192.0.2.1')], 2, null],
    [
      'most shared wins',
      [ip('a', '192.0.2.1'), ip('c', '192.0.2.1'), ip('c', '192.0.2.2')],
      1,
      'FB-2026-00003',
    ],
    ['a tie goes to the most recent', [ip('a', '192.0.2.1'), ip('b', '192.0.2.2')], 1, 'FB-2026-00002'],
  ])('%s', (_name, theirs, minShared, expected) => {
    expect(pickIncident(linked, theirs, mine, minShared)).toBe(expected);
  });
});

describe('suggestionsFrom', () => {
  const window = windowAround('2026-03-10T00:00:00.000Z', '2026-03-10T00:00:00.000Z', 24 * 7);
  const row = (
    id: string,
    value: string,
    receivedAt: string,
    incident: { key: string; phase?: 'triage' | 'closed'; merged?: boolean } | null = null,
  ): SharingRow => ({
    observable: { type: 'ipv4', value },
    report: {
      id,
      title: id,
      channel: 'email',
      source: 'manual',
      status: incident ? 'linked' : 'new',
      tlp: 'amber',
      receivedAt,
      lastSeenAt: receivedAt,
      seenCount: 1,
      constituency: null,
      incidentKey: incident?.key ?? null,
    },
    incident: incident && {
      key: incident.key,
      title: 'Incident',
      phase: incident.phase ?? 'triage',
      priority: null,
      version: 1,
      mergedInto: incident.merged ?? false,
    },
  });
  const open = ['triage', 'response'] as const;

  it('lists open incidents whatever their age and reports within the window, most overlap first', () => {
    const found = suggestionsFrom(
      [
        row('self', '192.0.2.1', '2026-03-10T00:00:00.000Z'),
        row('old-linked', '192.0.2.1', '2025-01-01T00:00:00.000Z', { key: 'FB-2026-00001' }),
        row('closed', '192.0.2.1', '2026-03-09T00:00:00.000Z', { key: 'FB-2026-00002', phase: 'closed' }),
        row('merged', '192.0.2.1', '2026-03-09T00:00:00.000Z', { key: 'FB-2026-00003', merged: true }),
        row('recent', '192.0.2.1', '2026-03-08T00:00:00.000Z'),
        row('recent', '192.0.2.2', '2026-03-08T00:00:00.000Z'),
        row('too-old', '192.0.2.1', '2026-02-01T00:00:00.000Z'),
      ],
      { id: 'self', window },
      open,
      20,
    );
    expect(found.items.map((i) => i.key)).toEqual(['FB-2026-00001']);
    expect(found.reports.map((r) => [r.id, r.shared.length])).toEqual([
      ['recent', 2],
      ['closed', 1],
      ['merged', 1],
    ]);
  });
});
