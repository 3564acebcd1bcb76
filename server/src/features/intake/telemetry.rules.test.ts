import { describe, expect, it } from 'vitest';
import {
  epochAsIso,
  eventTime,
  ipObservable,
  parseEventTime,
  textsAt,
  valueAt,
} from './event-fields.rules.ts';
import { fingerprintOf } from './fingerprint.rules.ts';
import { suricataSeverity, suricataToReport } from './suricata.rules.ts';
import { readEvents } from './telemetry-body.rules.ts';
import { wazuhSeverity, wazuhToReport } from './wazuh.rules.ts';

describe('readEvents', () => {
  it.each([
    ['one object', '{"a":1}', [{ line: 1, raw: '{"a":1}' }]],
    [
      'an array',
      '[{"a":1}, {"b":2}]',
      [
        { line: 1, raw: '{"a":1}' },
        { line: 2, raw: '{"b":2}' },
      ],
    ],
    ['JSON lines, blank lines skipped', '{"a":1}\r\n\n{"b":2}\n', [{ line: 1 }, { line: 3, raw: '{"b":2}' }]],
    [
      'a broken line among good ones',
      '{"a":1}\n{"b":\n{"c":3}',
      [{ line: 1 }, { line: 2, error: expect.stringMatching(/^Not valid JSON/) }, { line: 3 }],
    ],
    ['a line that is no object', '{"a":1}\n42', [{ line: 1 }, { line: 2, error: 'Not a JSON object' }]],
    [
      'an array element that is no object',
      '[{"a":1}, "x"]',
      [{ line: 1 }, { line: 2, error: 'Not a JSON object' }],
    ],
  ])('reads %s', (_name, body, want) => {
    const read = readEvents(body);
    expect('events' in read && read.events).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  it.each([
    ['an empty body', ' \n '],
    ['one broken document', '{"a":'],
    ['a pretty-printed broken document', '{\n  "a": [1,\n}'],
    ['a scalar', '12'],
  ])('refuses %s as malformed', (_name, body) => {
    expect(readEvents(body)).toEqual({ malformed: expect.any(String) });
  });
});

describe('event times', () => {
  it.each([
    [1709838049.373142, '2024-03-07T19:00:49.373Z'],
    ['1709838049.373142', '2024-03-07T19:00:49.373Z'],
    [1709838049373, '2024-03-07T19:00:49.373Z'],
    [1709838049373142, '2024-03-07T19:00:49.373Z'],
    ['1709838049373142000', '2024-03-07T19:00:49.373Z'],
    ['20240115', '20240115'],
    [0, 0],
    ['2024-03-07T19:00:49.373142Z', '2024-03-07T19:00:49.373142Z'],
    ['yesterday', 'yesterday'],
    [undefined, undefined],
  ])('reads the epoch time %j as %j', (ts, want) => expect(epochAsIso(ts)).toBe(want));

  it.each([
    ['2024-01-07T19:54:41.712927+0000', '2024-01-07T19:54:41.712Z'],
    ['2024-01-03T10:59:59.869444+0100', '2024-01-03T09:59:59.869Z'],
    ['2020-04-17T00:17:53.159+0000', '2020-04-17T00:17:53.159Z'],
    ['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.000Z'],
    ['2026-03-01 10:00:00-05:30', '2026-03-01T15:30:00.000Z'],
    ['2026-03-01T10:00:00', '2026-03-01T10:00:00.000Z'],
  ])('reads %s', (text, iso) => expect(parseEventTime(text)?.toISOString()).toBe(iso));

  it.each(['yesterday', '2026-02-30T10:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01', '1709287200'])(
    'refuses %s',
    (text) => expect(parseEventTime(text)).toBeNull(),
  );

  it('uses the time of arrival for a missing or future time, and says so', () => {
    const now = new Date('2026-03-01T10:00:00Z');
    expect(eventTime(undefined, now)).toEqual({ at: now.toISOString(), note: expect.any(String) });
    expect(eventTime('2026-03-01T10:00:01Z', now)).toEqual({
      at: now.toISOString(),
      note: expect.stringContaining('future'),
    });
    expect(eventTime('2026-03-01T09:00:00Z', now)).toEqual({ at: '2026-03-01T09:00:00.000Z' });
    expect(eventTime(1709287200, now)).toEqual({ error: 'timestamp 1709287200 is not a valid time' });
  });
});

describe('severity mappings', () => {
  it.each([
    [1, 'high'],
    [2, 'medium'],
    [3, 'low'],
    [255, 'low'],
    [0, undefined],
    ['1', undefined],
  ])('Suricata %s → %s', (priority, severity) => expect(suricataSeverity(priority)).toBe(severity));

  it.each([
    [0, 'low'],
    [3, 'low'],
    [4, 'medium'],
    [7, 'medium'],
    [8, 'high'],
    [11, 'high'],
    [12, 'critical'],
    [15, 'critical'],
    [16, undefined],
    [-1, undefined],
  ])('Wazuh level %s → %s', (level, severity) => expect(wazuhSeverity(level)).toBe(severity));
});

describe('fingerprints', () => {
  const event = {
    alert: { signature_id: 2001219 },
    src_ip: '198.51.100.7',
    dest_ip: '192.0.2.10',
    list: [{ a: 'x' }],
  };
  const fields = ['alert.signature_id', 'src_ip', 'dest_ip'];

  it('is the same for the same values and differs for others', () => {
    const other = { ...event, src_ip: '198.51.100.8' };
    expect(fingerprintOf(event, fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ ...event, src_port: 1 }, fields)).toBe(fingerprintOf(event, fields));
    expect(fingerprintOf(other, fields)).not.toBe(fingerprintOf(event, fields));
    // The same value under other field names is another fingerprint.
    expect(fingerprintOf({ a: '1' }, ['a'])).not.toBe(fingerprintOf({ b: '1' }, ['b']));
  });

  it('counts a missing field as null, and gives none when every field is missing', () => {
    expect(fingerprintOf({ src_ip: '198.51.100.7' }, fields)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ other: 1 }, fields)).toBeNull();
  });

  it('reads own properties only, arrays by index', () => {
    expect(valueAt(event, 'list.0.a')).toBe('x');
    expect(valueAt(event, 'src_ip.length')).toBeUndefined();
    expect(valueAt(JSON.parse('{"__proto__": {"x": 1}}'), '__proto__.x')).toBe(1);
    expect(valueAt({}, 'constructor')).toBeUndefined();
  });

  it('gives the texts at a path through the lists on the way, or at an index of one', () => {
    const event = {
      files: [{ sha256: 'a' }, { sha256: 'b' }, { md5: 'c' }],
      columns: ['x', 'y'],
      n: [1, [2]],
    };
    expect(textsAt(event, 'files.sha256')).toEqual(['a', 'b']);
    expect(textsAt(event, 'columns.1')).toEqual(['y']);
    expect(textsAt(event, 'columns')).toEqual(['x', 'y']);
    expect(textsAt(event, 'n')).toEqual(['1', '2']);
    expect(textsAt(event, 'files.0.sha256')).toEqual(['a']);
    expect(textsAt(event, 'columns.length')).toEqual([]);
  });

  it('finds flat dotted keys as Zeek writes them, and nested objects as before', () => {
    const zeek = { 'id.orig_h': '10.0.0.1', id: 'x', 'seen.indicator': 'a.example', seen: { where: 'DNS' } };
    expect(valueAt(zeek, 'id.orig_h')).toBe('10.0.0.1');
    expect(valueAt(zeek, 'id')).toBe('x');
    expect(valueAt(zeek, 'seen.indicator')).toBe('a.example');
    expect(valueAt(zeek, 'seen.where')).toBe('DNS');
    expect(valueAt({ id: { orig_h: '10.0.0.2' } }, 'id.orig_h')).toBe('10.0.0.2');
    expect(valueAt({ a: { 'b.c': { d: 1 } } }, 'a.b.c.d')).toBe(1);
    expect(valueAt(zeek, 'id.resp_h')).toBeUndefined();
    expect(fingerprintOf(zeek, ['id.orig_h'])).toBe(
      fingerprintOf({ id: { orig_h: '10.0.0.1' } }, ['id.orig_h']),
    );
  });
});

describe('event mappings', () => {
  const now = new Date('2026-03-01T10:00:00Z');

  it.each([
    ['127.0.0.1', { type: 'ipv4', value: '127.0.0.1' }],
    ['0:0:0:0:0:0:0:1', { type: 'ipv6', value: '::1' }],
    ['127.0.0.1:3389', { type: 'ipv4', value: '127.0.0.1' }],
    ['- ', null],
    ['10.0.0.1', { type: 'ipv4', value: '10.0.0.1' }],
    ['::ffff:198.51.100.7', { type: 'ipv4', value: '198.51.100.7' }],
    ['0:0:0:0:0:ffff:198.51.100.7', { type: 'ipv4', value: '198.51.100.7' }],
    ['198.51.100.7:52312', { type: 'ipv4', value: '198.51.100.7' }],
    ['[2001:db8::15]:33422', { type: 'ipv6', value: '2001:db8::15' }],
    ['[2001:db8::15]', { type: 'ipv6', value: '2001:db8::15' }],
    ['2001:db8::1:80', { type: 'ipv6', value: '2001:db8::1:80' }],
  ])('address %s as an observable: %o (no port, IPv4 unmapped)', (value, want) =>
    expect(ipObservable(value)).toEqual(want),
  );

  it('ignores Suricata records other than alerts and refuses what is no EVE record', () => {
    expect(suricataToReport({ event_type: 'flow' }, '', now)).toEqual({ ignored: 'flow' });
    expect(suricataToReport({ event_type: 'alert' }, '', now)).toEqual({
      error: 'An alert event without an alert object',
    });
    expect(suricataToReport({ src_ip: '10.0.0.1' }, '', now)).toEqual({
      error: 'Not a Suricata EVE record: no event_type',
    });
  });

  it('writes IPv6 endpoints with brackets and keeps invalid addresses out of the observables', () => {
    const mapped = suricataToReport(
      {
        timestamp: '2026-03-01T09:00:00Z',
        event_type: 'alert',
        src_ip: '2001:db8::1',
        src_port: 443,
        dest_ip: 'not-an-ip',
        alert: { signature: 'Test', signature_id: 1 },
      },
      '{}',
      now,
    );
    if (!('report' in mapped)) throw new Error('no report');
    expect(mapped.report.body).toContain('Source: [2001:db8::1]:443');
    expect(mapped.report.observables).toEqual([{ type: 'ipv6', value: '2001:db8::1' }]);
    expect(mapped.report.sourceRef).toBeUndefined();
  });

  it('refuses a Wazuh record without a rule', () => {
    expect(wazuhToReport({ agent: { id: '001' } }, '', now)).toEqual({ error: 'Not a Wazuh alert: no rule' });
  });
});
