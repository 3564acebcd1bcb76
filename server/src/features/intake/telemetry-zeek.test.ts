import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const sample = readFileSync(
  new URL('../../../../../shared/samples/telemetry/zeek/corelight-agenttesla-notice.log', import.meta.url),
  'utf8',
);

const intelHeader = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tintel',
  '#open\t2024-03-07-19-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tseen.indicator\tseen.indicator_type\tseen.where\tseen.node\tmatched\tsources\tfuid\tfile_mime_type\tfile_desc',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tenum\tenum\tstring\tset[enum]\tset[string]\tstring\tstring\tstring',
].join('\n');
const intelLines = [
  '1709838100.123456\tC4J4Th3PJpwUYZZ6gc\t10.0.0.7\t53211\t10.0.0.53\t53\tevil.example.com\tIntel::DOMAIN\tDNS::IN_REQUEST\tzeek\tIntel::DOMAIN\tabuse.ch,local\t-\t-\t-',
  '1709838160.5\tCm3J1s2Y2vR0Yy3Mb\t10.0.0.7\t49822\t203.0.113.80\t80\tevil.example.com/dl/a.exe\tIntel::URL\tHTTP::IN_URL\tzeek\tIntel::URL\tlocal\t-\t-\t-',
  // The same domain looked up again ten minutes later by the same host: the fingerprint rule groups it.
  '1709838700.0\tCq1b2c3d4e5f6g7h8\t10.0.0.7\t53999\t10.0.0.53\t53\tevil.example.com\tIntel::DOMAIN\tDNS::IN_REQUEST\tzeek\tIntel::DOMAIN\tabuse.ch\t-\t-\t-',
];
const connLog = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tconn_state',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring',
  '1709838100.0\tC4J4Th3PJpwUYZZ6gc\t10.0.0.7\t53211\t10.0.0.53\t53\tudp\tSF',
  '1709838160.4\tCm3J1s2Y2vR0Yy3Mb\t10.0.0.7\t49822\t203.0.113.80\t80\ttcp\tSF',
  '#close\t2024-03-07-20-00-00',
].join('\n');

describeEachDialect('Zeek intake', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let bearer: Record<string, string>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    bearer = await t.bearerWithRole('handler');
  });
  afterEach(() => t.close());

  const send = (payload: string, contentType = 'text/plain') =>
    t.request({
      method: 'POST',
      url: '/api/v1/intake/zeek',
      headers: { ...bearer, 'content-type': contentType },
      payload,
    });
  const reports = () => t.db.db.selectFrom('reports').selectAll().orderBy('received_at').execute();
  const report = async (id: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/reports/${id}`, headers: admin })).json();

  it('takes a real notice.log as written: one report of the AgentTesla notice, a repeat when sent again', async () => {
    const res = await send(sample);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: 1, created: 1, repeated: 0, ignored: 0, errors: [] });
    const [row] = await reports();
    const dataLine = sample.split('\n').find((l) => !l.startsWith('#') && l.trim())!;
    // The data line exactly as sent; its escaped NULs stay text PostgreSQL can hold.
    expect(row!.raw).toBe(dataLine);
    const r = await report(row!.id);
    expect(r).toMatchObject({
      channel: 'monitoring',
      source: 'zeek',
      reporter: { kind: 'tool', name: 'Zeek' },
      title: 'Potential AgentTesla C2 over FTP data with payload in the sub field.',
      severity: 'medium',
      receivedAt: '2024-03-07T19:00:49.373Z',
      sourceRef: 'notice/CPhDKt12KQPUVbQz06/AgentTesla::C2_Traffic_Observed/2024-03-07T19:00:49.373Z',
      seenCount: 1,
    });
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '192.168.100.164' },
        { type: 'ipv4', value: '143.95.79.226' },
        // Named in the notice's sub: the stolen credentials' site and account.
        { type: 'url', value: 'https://m.facebook.com/' },
        { type: 'email', value: 'honey@pot.com' },
      ]),
    );
    expect(r.body).toContain('Connection: 192.168.100.164:49210 → 143.95.79.226:44523 (tcp)');
    expect(r.body).toContain('Username: honey@pot.com\nPassword: honeypass356\nApplication: Chrome');
    expect(r.body).toContain('Host: 1\\x009\\x002\\x00.');

    expect((await send(sample, 'text/tab-separated-values')).json()).toMatchObject({
      received: 1,
      created: 0,
      repeated: 1,
    });
    expect(await reports()).toHaveLength(1);
    expect((await report(row!.id)).seenCount).toBe(2);
  });

  it('takes intel.log and conn.log in one body: matches become reports by indicator, connections are ignored', async () => {
    const res = await send(`${connLog}\n${intelHeader}\n${intelLines.join('\n')}\n#close\tx\n`);
    expect(res.json()).toEqual({ received: 5, created: 2, repeated: 1, ignored: 2, errors: [] });
    const rows = await reports();
    expect(rows.map((r) => r.title)).toEqual([
      'Intel match: evil.example.com (Intel::DOMAIN)',
      'Intel match: evil.example.com/dl/a.exe (Intel::URL)',
    ]);
    const [domain, url] = [await report(rows[0]!.id), await report(rows[1]!.id)];
    expect(domain).toMatchObject({ severity: 'medium', seenCount: 2 });
    expect(domain.observables).toEqual(
      expect.arrayContaining([
        { type: 'domain', value: 'evil.example.com' },
        { type: 'ipv4', value: '10.0.0.7' },
        { type: 'ipv4', value: '10.0.0.53' },
      ]),
    );
    expect(url.observables).toEqual(
      expect.arrayContaining([
        { type: 'url', value: 'http://evil.example.com/dl/a.exe' },
        { type: 'ipv4', value: '203.0.113.80' },
      ]),
    );
    expect(domain.body).toContain('Seen where: DNS::IN_REQUEST');
    expect(domain.body).toContain('Intel sources: abuse.ch, local');
  });

  it('takes JSON lines (Corelight), lists bad lines, and refuses a body that is no Zeek log', async () => {
    const notice = JSON.stringify({
      _path: 'notice',
      _system_name: 'cl-sensor-1',
      ts: '2024-03-07T19:00:49.373142Z',
      uid: 'CPhDKt12KQPUVbQz06',
      'id.orig_h': '192.168.100.164',
      'id.orig_p': 49210,
      'id.resp_h': '143.95.79.226',
      'id.resp_p': 44523,
      note: 'AgentTesla::C2_Traffic_Observed',
      msg: 'Potential AgentTesla C2',
      src: '192.168.100.164',
      dst: '143.95.79.226',
      actions: ['Notice::ACTION_LOG', 'Notice::ACTION_ALARM'],
    });
    const dns = JSON.stringify({ _path: 'dns', ts: 1709838049.1, uid: 'C1', query: 'example.com' });
    const res = await send([notice, dns, '{"ts": 1, "note": ', '[1]'].join('\n'), 'application/x-ndjson');
    expect(res.json()).toMatchObject({ received: 4, created: 1, ignored: 1 });
    expect(res.json().errors.map((e: { line: number }) => e.line)).toEqual([3, 4]);
    const [row] = await reports();
    expect(row!.raw).toBe(notice);
    expect(await report(row!.id)).toMatchObject({
      severity: 'high',
      reporter: { name: 'Zeek (cl-sensor-1)' },
    });

    const refused = await send('1709838049.1\tC1\t10.0.0.1\n1709838049.2\tC2\t10.0.0.2');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('telemetry_malformed');
    expect(await reports()).toHaveLength(1);
  });
});
