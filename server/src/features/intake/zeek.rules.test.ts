import { describe, expect, it } from 'vitest';
import { fingerprintOf } from './fingerprint.rules.ts';
import { indicatorObservable, printable, zeekNoticeSeverity, zeekToReport } from './zeek.rules.ts';

/* Zeek records as the readers give them (TSV or JSON: flat dotted keys), synthesised after real logs. */

const now = new Date('2026-03-01T10:00:00Z');
const reportOf = (event: Record<string, unknown>, raw = 'raw line') => {
  const mapped = zeekToReport(event, raw, now);
  if (!('report' in mapped)) throw new Error(JSON.stringify(mapped));
  return mapped.report;
};

const sslNotice = {
  _path: 'notice',
  ts: 1709838049.373142,
  uid: 'CHhAvVGS1DHFjwGM9',
  'id.orig_h': '10.0.0.5',
  'id.orig_p': 49210,
  'id.resp_h': '2001:db8::80',
  'id.resp_p': 443,
  proto: 'tcp',
  note: 'SSL::Invalid_Server_Cert',
  msg: 'SSL certificate validation failed with (unable to get local issuer certificate)',
  sub: 'CN=evil.example.net,O=Evil',
  src: '10.0.0.5',
  dst: '2001:db8::80',
  p: 443,
  actions: ['Notice::ACTION_LOG'],
  email_dest: [],
  suppress_for: 3600,
};

const intelMatch = {
  _path: 'intel',
  _system_name: 'sensor-dmz',
  ts: '2024-03-07T19:01:40.123456Z',
  uid: 'C4J4Th3PJpwUYZZ6gc',
  'id.orig_h': '10.0.0.7',
  'id.orig_p': 53211,
  'id.resp_h': '10.0.0.53',
  'id.resp_p': 53,
  'seen.indicator': 'evil.example.com',
  'seen.indicator_type': 'Intel::DOMAIN',
  'seen.where': 'DNS::IN_REQUEST',
  'seen.node': 'worker-1',
  matched: ['Intel::DOMAIN'],
  sources: ['abuse.ch', 'local'],
};

describe('Zeek notices', () => {
  it('become medium reports titled by msg, with both ends of the connection as observables', () => {
    const r = reportOf(sslNotice, 'the line');
    expect(r).toMatchObject({
      channel: 'monitoring',
      source: 'zeek',
      reporter: { kind: 'tool', name: 'Zeek' },
      title: sslNotice.msg,
      severity: 'medium',
      receivedAt: '2024-03-07T19:00:49.373Z',
      raw: 'the line',
      sourceRef: 'notice/CHhAvVGS1DHFjwGM9/SSL::Invalid_Server_Cert/2024-03-07T19:00:49.373Z',
      observables: [
        { type: 'ipv4', value: '10.0.0.5' },
        { type: 'ipv6', value: '2001:db8::80' },
      ],
    });
    for (const line of [
      'Zeek notice: SSL::Invalid_Server_Cert',
      'Actions: Notice::ACTION_LOG',
      'Connection: 10.0.0.5:49210 → [2001:db8::80]:443 (tcp)',
      'Connection uid: CHhAvVGS1DHFjwGM9',
      'Suppressed for: 3600 s',
      'Time: 2024-03-07T19:00:49.373Z',
      'Details (sub):\nCN=evil.example.net,O=Evil',
    ])
      expect(r.body).toContain(line);
    // Without its own time a record cannot be told from the next one like it.
    expect(reportOf({ note: 'A::B', msg: 'm' })).not.toHaveProperty('sourceRef');
  });

  it.each([
    [
      'a notice without msg or connection (scan), titled by note, sourceRef by src',
      { ts: 1709838049.5, note: 'Scan::Port_Scan', src: '198.51.100.9', sub: 'remote', actions: [] },
      { title: 'Scan::Port_Scan', sourceRef: 'notice/198.51.100.9/Scan::Port_Scan/2024-03-07T19:00:49.500Z' },
    ],
    [
      'a notice the site alarms on, from Corelight JSON with ISO time and a sensor name',
      {
        _path: 'notice_alarm',
        _system_name: 'cl-1',
        ts: '2024-03-07T19:00:49.373142Z',
        note: 'A::B',
        msg: 'm',
        actions: ['Notice::ACTION_LOG', 'Notice::ACTION_ALARM'],
        fuid: 'FQ9Qtk2mFXsEGGmLd',
      },
      {
        severity: 'high',
        reporter: { name: 'Zeek (cl-1)' },
        sourceRef: 'notice/FQ9Qtk2mFXsEGGmLd/A::B/2024-03-07T19:00:49.373Z',
      },
    ],
    [
      'a notice without ts: received now, noted, no sourceRef',
      { note: 'A::B', msg: 'm' },
      { receivedAt: now.toISOString(), body: expect.stringContaining('no timestamp') },
    ],
    [
      'a notice from a sensor whose clock runs ahead',
      { note: 'A::B', msg: 'm', ts: 4102444800 },
      {
        receivedAt: now.toISOString(),
        body: expect.stringContaining('2100-01-01T00:00:00.000Z lies in the future'),
      },
    ],
    [
      'control characters in msg and sub, shown escaped (PostgreSQL refuses NUL)',
      { note: 'A::B', msg: 'a\u0000b', sub: 'Host: 1\u00009<br>User: x', ts: 1709838049 },
      { title: 'a\\x00b', body: expect.stringContaining('Host: 1\\x009\nUser: x') },
    ],
  ])('maps %s', (_name, event, want) => {
    expect(reportOf(event)).toMatchObject(want);
  });

  it.each([
    [[], 'medium'],
    [['Notice::ACTION_LOG'], 'medium'],
    [['Notice::ACTION_LOG', 'Notice::ACTION_EMAIL'], 'high'],
    [['Notice::ACTION_PAGE'], 'high'],
    [['Notice::ACTION_DROP'], 'high'],
  ])('rates actions %j as %s', (actions, severity) => expect(zeekNoticeSeverity(actions)).toBe(severity));
});

describe('Zeek intel matches', () => {
  it('become reports of the indicator, by its type, with the connection addresses', () => {
    const r = reportOf(intelMatch);
    expect(r).toMatchObject({
      title: 'Intel match: evil.example.com (Intel::DOMAIN)',
      severity: 'medium',
      reporter: { name: 'Zeek (sensor-dmz)' },
      receivedAt: '2024-03-07T19:01:40.123Z',
      sourceRef: 'intel/C4J4Th3PJpwUYZZ6gc/DNS::IN_REQUEST/2024-03-07T19:01:40.123Z/evil.example.com',
      observables: [
        { type: 'domain', value: 'evil.example.com' },
        { type: 'ipv4', value: '10.0.0.7' },
        { type: 'ipv4', value: '10.0.0.53' },
      ],
    });
    expect(r.body).toContain('Seen where: DNS::IN_REQUEST\nSeen by: worker-1\nMatched: Intel::DOMAIN');
    expect(r.body).toContain('Intel sources: abuse.ch, local');
    // Told by its fields when no _path says what it is.
    const { _path, ...bare } = intelMatch;
    expect(reportOf(bare).title).toBe(r.title);
  });

  it.each([
    ['Intel::ADDR', '203.0.113.9', { type: 'ipv4', value: '203.0.113.9' }],
    ['Intel::ADDR', '2001:DB8::1', { type: 'ipv6', value: '2001:db8::1' }],
    ['Intel::SUBNET', '203.0.113.0/24', { type: 'cidr', value: '203.0.113.0/24' }],
    ['Intel::DOMAIN', 'Evil.Example.com', { type: 'domain', value: 'evil.example.com' }],
    ['Intel::URL', 'evil.example.com/dl/a.exe', { type: 'url', value: 'http://evil.example.com/dl/a.exe' }],
    ['Intel::URL', 'https://evil.example.com/x', { type: 'url', value: 'https://evil.example.com/x' }],
    ['Intel::EMAIL', 'phish@evil.example.com', { type: 'email', value: 'phish@evil.example.com' }],
    [
      'Intel::FILE_HASH',
      'D41D8CD98F00B204E9800998ECF8427E',
      { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
    ],
    [
      'Intel::CERT_HASH',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      { type: 'sha1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
    ],
    ['Intel::FILE_HASH', 'abc123', null],
    ['Intel::FILE_NAME', 'invoice.exe', null],
    ['Intel::USER_NAME', 'admin', null],
    [undefined, '203.0.113.9', null],
  ])('takes a %s indicator %s as %j', (type, value, want) => {
    expect(indicatorObservable(type, value)).toEqual(want);
  });

  it('refuses an intel record without an indicator', () => {
    expect(zeekToReport({ _path: 'intel', ts: 1709838049, uid: 'C1' }, '', now)).toEqual({
      error: 'An intel match without seen.indicator',
    });
  });
});

describe('Corelight exports naming the log @path and the sensor @sensor', () => {
  it('are read as _path and _system_name', () => {
    const event = {
      '@path': 'notice_alarm',
      '@sensor': 'cl-sensor-01',
      ts: 1709838049,
      note: 'A::B',
      msg: 'm',
    };
    const r = reportOf(event);
    expect(r.reporter.name).toBe('Zeek (cl-sensor-01)');
    expect(r.body).toContain('Log: notice_alarm');
    expect(zeekToReport({ '@path': 'conn', ts: 1709838049, uid: 'C1' }, '', now)).toEqual({
      ignored: 'conn',
    });
  });
});

describe('other Zeek records', () => {
  it.each([
    [
      'conn',
      { _path: 'conn', ts: 1709838049, uid: 'C1', 'id.orig_h': '10.0.0.1', conn_state: 'SF' },
      { ignored: 'conn' },
    ],
    ['dns', { _path: 'dns', ts: 1709838049, uid: 'C1', query: 'example.com' }, { ignored: 'dns' }],
    [
      'weird (its notice is a flag)',
      { _path: 'weird', ts: 1709838049, name: 'bad_TCP_checksum', notice: false },
      { ignored: 'weird' },
    ],
    ['files', { _path: 'files', ts: 1709838049, fuid: 'F1', sha256: 'x' }, { ignored: 'files' }],
    [
      'signatures',
      { _path: 'signatures', ts: 1709838049, note: 'Signatures::Sensitive_Signature', sig_id: 's' },
      { ignored: 'signatures' },
    ],
    [
      'signatures without _path',
      { ts: 1709838049, note: 'Signatures::Sensitive_Signature', sig_id: 's', event_msg: 'm' },
      { ignored: expect.any(String) },
    ],
    ['conn without _path', { ts: 1709838049, uid: 'C1', conn_state: 'SF' }, { ignored: expect.any(String) }],
    [
      'something else',
      { event_type: 'alert' },
      { error: 'Not a Zeek log record: no ts, uid, note or seen.indicator' },
    ],
    [
      'a notice with a bad time',
      { note: 'A::B', ts: 'yesterday' },
      { error: expect.stringContaining('"yesterday" is not a valid time') },
    ],
    [
      'a notice without note or msg',
      { _path: 'notice', ts: 1709838049 },
      { error: 'A notice with neither msg nor note' },
    ],
  ])('maps %s', (_name, event, want) => {
    expect(zeekToReport(event, '', now)).toEqual(want);
  });
});

describe('Zeek text', () => {
  it('shows control characters as Zeek escapes them, keeping tabs and line breaks', () => {
    expect(printable('a\u0000b\u001b[0m\tc\nd\u007f')).toBe('a\\x00b\\x1b[0m\tc\nd\\x7f');
  });

  it('groups notices by note and hosts, intel matches by indicator and host (the default rule)', () => {
    const fields = ['note', 'src', 'dst', 'seen.indicator', 'id.orig_h'];
    const later = { ...sslNotice, ts: sslNotice.ts + 60, uid: 'Cother', 'id.orig_p': 50000 };
    expect(fingerprintOf(later, fields)).toBe(fingerprintOf(sslNotice, fields));
    expect(fingerprintOf({ ...sslNotice, dst: '10.9.9.9' }, fields)).not.toBe(
      fingerprintOf(sslNotice, fields),
    );
    const otherHost = { ...intelMatch, 'id.orig_h': '10.0.0.8' };
    expect(fingerprintOf(otherHost, fields)).not.toBe(fingerprintOf(intelMatch, fields));
    expect(fingerprintOf({ ...intelMatch, uid: 'C2', ts: 5 }, fields)).toBe(
      fingerprintOf(intelMatch, fields),
    );
  });
});
