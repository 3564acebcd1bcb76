import { describe, expect, it } from 'vitest';
import { suricataToReport } from './suricata.rules.ts';
import { MAX_EVENT_CHARS, readEvents, splitConcatenated } from './telemetry-body.rules.ts';
import { wazuhToReport } from './wazuh.rules.ts';

/* Variations of the Suricata EVE and Wazuh formats seen in real exports, as small synthesised events. */

const now = new Date('2026-03-01T10:00:00Z');
const reportOf = (mapped: ReturnType<typeof suricataToReport>) => {
  if (!('report' in mapped)) throw new Error(JSON.stringify(mapped));
  return mapped.report;
};

describe('telemetry bodies', () => {
  it('reads pretty-printed documents one after another (jq output, pasted examples) and RFC 7464 sequences', () => {
    const body = '{\n  "event_type": "flow",\n  "a": "}{"\n}\n\n  {\n  "event_type": "dns"\n}\n';
    const read = readEvents(body);
    expect(read).toEqual({
      events: [
        {
          line: 1,
          event: { event_type: 'flow', a: '}{' },
          raw: '{\n  "event_type": "flow",\n  "a": "}{"\n}',
        },
        { line: 6, event: { event_type: 'dns' }, raw: '{\n  "event_type": "dns"\n}' },
      ],
    });
    expect(splitConcatenated('\u001e{"a":1}\n\u001e{"b":2}\n')?.map((v) => v.value)).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
    // Still refused: text that is no JSON, and a document left open.
    expect(readEvents('{\n"a": 1\n} trailing words')).toHaveProperty('malformed');
    expect(readEvents('{\n"a": 1\n}\n{\n"b": ')).toHaveProperty('malformed');
  });

  it('reads pretty-printed alerts whose arrays leave a value alone on a line', () => {
    const alert = { rule: { level: 5, groups: ['syslog', 'sshd'] }, data: { srcip: '203.0.113.9' } };
    const body = `${JSON.stringify(alert, null, 2)}\n${JSON.stringify(alert, null, 2)}\n`;
    const read = readEvents(body);
    if (!('events' in read)) throw new Error(read.malformed);
    expect(read.events.map((e) => ('event' in e ? e.event : e))).toEqual([alert, alert]);
  });

  it('reads the events out of an Elasticsearch/OpenSearch search answer and out of single hits', () => {
    const answer = JSON.stringify({
      hits: { total: { value: 2 }, hits: [{ _id: '1', _source: { rule: { id: '1' } } }, { _id: '2' }] },
    });
    expect(readEvents(answer, { indexExports: true })).toEqual({
      events: [
        { line: 1, event: { rule: { id: '1' } }, raw: '{"rule":{"id":"1"}}' },
        { line: 2, error: 'A hit without _source' },
      ],
    });
    const hits = '{"_index":"wazuh-alerts","_source":{"rule":{}}}\n{"rule":{"id":"2"}}';
    expect(readEvents(hits, { indexExports: true })).toEqual({
      events: [
        { line: 1, event: { rule: {} }, raw: '{"rule":{}}' },
        { line: 2, event: { rule: { id: '2' } }, raw: '{"rule":{"id":"2"}}' },
      ],
    });
    // Without the option (generic webhooks) a hit stays the event it is.
    const plain = readEvents('{"_source":{"rule":{}}}');
    expect(plain).toEqual({
      events: [{ line: 1, event: { _source: { rule: {} } }, raw: '{"_source":{"rule":{}}}' }],
    });
  });

  it('limits the size of each exported event, not of the export holding them', () => {
    const source = { rule: { id: '1' }, full_log: 'x'.repeat(1000) };
    const count = Math.ceil(MAX_EVENT_CHARS / 1000) + 10;
    const answer = JSON.stringify({
      hits: { hits: Array.from({ length: count }, () => ({ _source: source })) },
    });
    expect(answer.length).toBeGreaterThan(MAX_EVENT_CHARS);
    const read = readEvents(answer, { indexExports: true });
    if (!('events' in read)) throw new Error(read.malformed);
    expect(read.events).toHaveLength(count);
    expect(read.events.every((e) => 'event' in e)).toBe(true);
  });
});

describe('Suricata EVE variations', () => {
  const alert = (extra: object = {}) => ({
    timestamp: '2026-03-01T03:00:00.123456-0600',
    event_type: 'alert',
    src_ip: '10.0.0.5',
    dest_ip: 'fe80:0000:0000:0000:fc16:3eff:fe01:3dd2',
    alert: { signature: 'ET TEST', signature_id: 1, severity: 1 },
    ...extra,
  });

  it('takes zero-padded IPv6, a -0600 offset, @timestamp when timestamp is missing, and severity as text', () => {
    const r = reportOf(suricataToReport(alert(), '{}', now));
    expect(r.receivedAt).toBe('2026-03-01T09:00:00.123Z');
    expect(r.observables).toContainEqual({ type: 'ipv6', value: 'fe80::fc16:3eff:fe01:3dd2' });
    const shipped = reportOf(
      suricataToReport(
        {
          ...alert({ alert: { signature: 'X', severity: '2' } }),
          timestamp: undefined,
          '@timestamp': '2026-03-01T08:00:00Z',
        },
        '{}',
        now,
      ),
    );
    expect(shipped).toMatchObject({ receivedAt: '2026-03-01T08:00:00.000Z', severity: 'medium' });
  });

  it('keeps the rule metadata in the body, its CVEs and file hashes as observables', () => {
    const r = reportOf(
      suricataToReport(
        alert({
          alert: {
            signature: 'ET EXPLOIT Log4j',
            severity: 1,
            metadata: { cve: ['CVE_2021_44228'], signature_severity: ['Major'], tag: ['Exploit'] },
          },
          fileinfo: { filename: 'a.exe', md5: '44d88612fea8a8f36de82e1278abb02f' },
          http: { hostname: 'example.org', url: '/x', http_refer: 'http://ref.example/' },
        }),
        '{}',
        now,
      ),
    );
    expect(r.body).toContain('Rule metadata: cve=CVE_2021_44228; signature_severity=Major; tag=Exploit');
    expect(r.body).toContain('File: a.exe');
    expect(r.body).toContain('HTTP referer: http://ref.example/');
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'cve', value: 'CVE-2021-44228' },
        { type: 'md5', value: '44d88612fea8a8f36de82e1278abb02f' },
      ]),
    );
  });
  it('reads the record AWS Network Firewall wraps in `event`, naming the firewall as the sensor', () => {
    const wrapped = {
      firewall_name: 'nfw-prod',
      availability_zone: 'eu-west-2a',
      event_timestamp: '1772355600',
      event: alert({
        flow_id: 42,
        alert: { signature: 'aws:alert_established action', signature_id: 4, severity: 3, action: 'blocked' },
        verdict: { action: 'drop' },
      }),
    };
    const r = reportOf(suricataToReport(wrapped, '{}', now));
    expect(r).toMatchObject({
      title: 'aws:alert_established action',
      reporter: { name: 'Suricata (nfw-prod)' },
    });
    expect(r.sourceRef).toMatch(/^nfw-prod\/42\/1:4\//);
    expect(r.body).toContain('Verdict: drop');
    expect(suricataToReport({ ...wrapped, event: { event_type: 'netflow' } }, '{}', now)).toEqual({
      ignored: 'netflow',
    });
    expect(suricataToReport({ firewall_name: 'nfw-prod', event: {} }, '{}', now)).toHaveProperty('error');
  });

  it('takes the hashes of the files an alert lists, and an IPv6 HTTP host written in brackets', () => {
    const r = reportOf(
      suricataToReport(
        alert({
          files: [
            {
              filename: '/a.exe',
              sha256: 'D7A8FBB307D7809469CA9ABCB0082E4F8D5651E46D3CDB762D02D0BF37C9E592',
            },
            { filename: '/b.exe', md5: '44d88612fea8a8f36de82e1278abb02f' },
          ],
          http: { hostname: '[2001:db8::7]', http_port: 8080, url: '/a.exe' },
        }),
        '{}',
        now,
      ),
    );
    expect(r.body).toContain('File: /a.exe, /b.exe');
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv6', value: '2001:db8::7' },
        { type: 'url', value: 'http://[2001:db8::7]:8080/a.exe' },
        { type: 'sha256', value: 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592' },
        { type: 'md5', value: '44d88612fea8a8f36de82e1278abb02f' },
      ]),
    );
  });
});

describe('Wazuh alert variations', () => {
  const rule = { id: '60106', level: '3', description: 'Windows logon success.' };

  it('takes the level as text, @timestamp, and the Windows event fields with their addresses', () => {
    const r = reportOf(
      wazuhToReport(
        {
          '@timestamp': '2026-03-01T08:14:38.447Z',
          rule,
          agent: { id: '002', name: 'WS', ip: '192.0.2.20' },
          data: {
            win: {
              system: { eventID: '4624', channel: 'Security', computer: 'WS.corp.example' },
              eventdata: { ipAddress: '198.51.100.13', targetUserName: 'bob', targetDomainName: 'CORP' },
            },
          },
        },
        '{}',
        now,
      ),
    );
    expect(r).toMatchObject({ receivedAt: '2026-03-01T08:14:38.447Z', severity: 'low' });
    expect(r.body).toContain('Windows event: 4624 Security WS.corp.example');
    expect(r.body).toContain('Windows user: CORP\\bob');
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '198.51.100.13' },
        { type: 'ipv4', value: '192.0.2.20' },
      ]),
    );
  });

  it('takes Sysmon hashes and names, vulnerability CVEs and FIM who-data', () => {
    const r = reportOf(
      wazuhToReport(
        {
          timestamp: '2026-03-01T09:00:00.000+0100',
          rule: {
            id: '92213',
            level: 12,
            description: 'Sysmon',
            mitre: { id: ['T1059'], tactic: ['Execution'] },
          },
          data: {
            win: {
              eventdata: {
                hashes:
                  'SHA1=3395856CE81F2B7382DEE72602F798B642F14140,MD5=44D88612FEA8A8F36DE82E1278ABB02F,IMPHASH=00',
                queryName: 'c2.example.net',
              },
            },
            vulnerability: { cve: 'CVE-2024-3094', package: { name: 'xz-utils' } },
          },
          syscheck: {
            path: '/etc/x',
            event: 'added',
            audit: {
              login_user: { name: 'alice' },
              effective_user: { name: 'root' },
              process: { name: '/bin/sh' },
            },
          },
        },
        '{}',
        now,
      ),
    );
    expect(r).toMatchObject({ severity: 'critical', receivedAt: '2026-03-01T08:00:00.000Z' });
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'sha1', value: '3395856ce81f2b7382dee72602f798b642f14140' },
        { type: 'md5', value: '44d88612fea8a8f36de82e1278abb02f' },
        { type: 'domain', value: 'c2.example.net' },
        { type: 'cve', value: 'CVE-2024-3094' },
      ]),
    );
    expect(r.body).toContain('MITRE ATT&CK: T1059 — Execution');
    expect(r.body).toContain('Vulnerability: CVE-2024-3094 xz-utils');
    expect(r.body).toContain('File: /etc/x — added');
    expect(r.body).toContain('Changed by: alice as root');
  });

  it('takes the remote addresses and file hashes of the cloud and VirusTotal modules', () => {
    const guardduty = (action: object) =>
      reportOf(
        wazuhToReport(
          {
            timestamp: '2026-03-01T09:00:00.000+0000',
            rule: { id: '80302', level: 6, description: 'GuardDuty' },
            data: { aws: { type: 'Recon:EC2/PortProbeUnprotectedPort', service: { action } } },
          },
          '{}',
          now,
        ),
      );
    const probe = {
      portProbeAction: { portProbeDetails: [{ remoteIpDetails: { ipAddressV4: '198.51.100.7' } }] },
    };
    expect(guardduty(probe).observables).toEqual([{ type: 'ipv4', value: '198.51.100.7' }]);
    expect(guardduty(probe).body).toContain('Cloud finding: Recon:EC2/PortProbeUnprotectedPort');
    const call = { awsApiCallAction: { remoteIpDetails: { ipAddressV4: '198.51.100.8' } } };
    expect(guardduty(call).observables).toEqual([{ type: 'ipv4', value: '198.51.100.8' }]);

    const r = reportOf(
      wazuhToReport(
        {
          timestamp: '2026-03-01T09:00:00.000+0000',
          rule: {
            id: '87105',
            level: 12,
            description: 'VirusTotal: Alert - /tmp/x - 15 engines detected this file',
          },
          data: {
            gcp: { jsonPayload: { sourceIP: '203.0.113.9' } },
            virustotal: {
              positives: '15',
              total: '70',
              permalink: 'https://www.virustotal.com/gui/file/x',
              source: {
                file: '/tmp/x',
                md5: '44D88612FEA8A8F36DE82E1278ABB02F',
                sha1: '3395856ce81f2b7382dee72602f798b642f14140',
              },
            },
          },
        },
        '{}',
        now,
      ),
    );
    expect(r.observables).toEqual([
      { type: 'ipv4', value: '203.0.113.9' },
      { type: 'sha1', value: '3395856ce81f2b7382dee72602f798b642f14140' },
      { type: 'md5', value: '44d88612fea8a8f36de82e1278abb02f' },
    ]);
    expect(r.body).toContain('VirusTotal: /tmp/x — 15/70 engines — https://www.virustotal.com/gui/file/x');
  });

  it('takes Wazuh 5 alerts in ECS: message, source and destination, agent.host.ip, file hashes, vulnerability.id', () => {
    const r = reportOf(
      wazuhToReport(
        {
          '@timestamp': '2026-03-01T09:00:00.000+0000',
          message: 'File modified on file /etc/passwd',
          rule: { id: '550', level: 7, description: 'Integrity checksum changed.' },
          agent: { id: '001', name: 'web', host: { ip: ['10.0.0.1', '10.0.0.2'] } },
          source: { ip: '198.51.100.7', port: 4711 },
          destination: { ip: '10.0.0.1', port: 22 },
          user: { name: 'alice' },
          url: { domain: 'www.example.org', path: '/wp-login.php' },
          event: { action: 'file-modified' },
          file: {
            path: '/etc/passwd',
            hash: { sha256: 'D7A8FBB307D7809469CA9ABCB0082E4F8D5651E46D3CDB762D02D0BF37C9E592' },
          },
          vulnerability: { id: 'CVE-2024-3094' },
        },
        '{}',
        now,
      ),
    );
    expect(r.observables).toEqual([
      { type: 'ipv4', value: '198.51.100.7' },
      { type: 'ipv4', value: '10.0.0.1' },
      { type: 'ipv4', value: '10.0.0.2' },
      { type: 'domain', value: 'www.example.org' },
      { type: 'sha256', value: 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592' },
      { type: 'cve', value: 'CVE-2024-3094' },
    ]);
    for (const line of [
      'Message: File modified on file /etc/passwd',
      'Source: 198.51.100.7:4711',
      'Source user: alice',
      'Destination: 10.0.0.1:22',
      'File: /etc/passwd — file-modified',
    ])
      expect(r.body).toContain(line);
  });

  it('takes OSSEC and Wazuh 1.x alerts: rule.comment and sidid, TimeStamp or the legacy timestamp, top-level addresses', () => {
    const legacy = {
      rule: { level: 7, comment: 'Login rejected', sidid: 5701, groups: ['syslog', 'authentication_failed'] },
      TimeStamp: 1772352000123,
      timestamp: '2026 Mar 01 10:00:00',
      hostname: 'web.example',
      agentip: '192.0.2.5',
      srcip: '198.51.100.6',
      dstuser: 'alice',
      id: '1772352000.42',
      full_log: 'failed login',
    };
    const r = reportOf(wazuhToReport(legacy, '{}', now));
    expect(r).toMatchObject({
      title: 'Login rejected',
      severity: 'medium',
      receivedAt: '2026-03-01T08:00:00.123Z',
      sourceRef: '1772352000.42',
    });
    expect(r.observables).toEqual(
      expect.arrayContaining([
        { type: 'ipv4', value: '198.51.100.6' },
        { type: 'ipv4', value: '192.0.2.5' },
      ]),
    );
    expect(r.body).toContain('Rule: 5701 (level 7, medium)');
    expect(r.body).toContain('Destination user: alice');
    // Without TimeStamp, the legacy text is read as UTC.
    const { TimeStamp: _, ...withoutEpoch } = legacy;
    expect(reportOf(wazuhToReport(withoutEpoch, '{}', now)).receivedAt).toBe('2026-03-01T10:00:00.000Z');
    expect(wazuhToReport({ ...withoutEpoch, timestamp: '2026 Foo 01 10:00:00' }, '{}', now)).toHaveProperty(
      'error',
    );
  });
  it('takes the alert out of the message wazuh-execd gives an active-response script', () => {
    const alert = {
      timestamp: '2026-02-28T04:11:45.168+0000',
      rule: { level: 5, id: '5710', description: 'sshd: Attempt to login using a non-existent user' },
      agent: { id: '002', name: 'web-01', ip: '192.168.64.30' },
      data: { srcip: '198.51.100.44', srcuser: 'admin' },
    };
    const message = {
      version: 1,
      origin: { name: 'node01', module: 'wazuh-execd' },
      command: 'add',
      parameters: { extra_args: [], alert, program: 'active-response/bin/firewall-drop' },
    };
    const r = reportOf(wazuhToReport(message, 'raw', now));
    expect(r).toMatchObject({
      title: alert.rule.description,
      receivedAt: '2026-02-28T04:11:45.168Z',
      raw: 'raw',
    });
    expect(r.observables).toContainEqual({ type: 'ipv4', value: '198.51.100.44' });
    expect(wazuhToReport({ parameters: { alert: {} } }, '{}', now)).toEqual({
      error: 'Not a Wazuh alert: no rule',
    });
  });

  it('shows what integrity monitoring saw change, and Windows who-data (audit.user, the 3.x key proccess)', () => {
    const r = reportOf(
      wazuhToReport(
        {
          timestamp: '2026-02-28T17:43:52.914+0200',
          rule: { level: 7, id: '550', description: 'Integrity checksum changed.' },
          syscheck: {
            path: 'C:\\Windows\\System32\\drivers\\etc\\hosts',
            event: 'modified',
            diff: 'What changed:\n> 192.0.2.53  update.example\r\n',
            audit: { user: { name: 'Administrator' }, proccess: { name: 'C:\\Windows\\notepad.exe' } },
          },
        },
        '{}',
        now,
      ),
    );
    expect(r.body).toContain('Changed by: Administrator\nProcess: C:\\Windows\\notepad.exe');
    expect(r.body).toMatch(/\n\nWhat changed:\n> 192\.0\.2\.53 {2}update\.example\r?\n?$/);
    expect(r.body).not.toContain('What changed:\nWhat changed');
  });

  it('names the remote party of a Windows logon as the source, without its "-" or port 0', () => {
    const logon = (ipAddress: string, ipPort: string) =>
      reportOf(
        wazuhToReport(
          {
            timestamp: '2026-02-28T08:00:00.000+0000',
            rule: { level: 10, id: '60122', description: 'Logon failure' },
            data: { win: { eventdata: { ipAddress, ipPort } } },
          },
          '{}',
          now,
        ),
      ).body;
    expect(logon('198.51.100.13', '50112')).toContain('Source: 198.51.100.13:50112');
    expect(logon('198.51.100.13', '0')).toContain('Source: 198.51.100.13\n');
    expect(logon('-', '-')).not.toContain('Source:');
  });

  it('describes a configuration assessment check: policy, check, result and what it was, file, remediation', () => {
    const r = reportOf(
      wazuhToReport(
        {
          timestamp: '2026-02-28T08:00:00.000+0000',
          rule: {
            level: 9,
            id: '19011',
            description: 'CIS: Ensure SSH root login is disabled: Status changed',
          },
          data: {
            sca: {
              type: 'check',
              policy: 'CIS Debian 12',
              check: {
                id: '3078',
                title: 'Ensure SSH root login is disabled',
                result: 'failed',
                previous_result: 'passed',
                file: ['/etc/ssh/sshd_config'],
                remediation: 'Set PermitRootLogin no',
              },
            },
          },
        },
        '{}',
        now,
      ),
    );
    expect(r.body).toContain(
      'Configuration check: CIS Debian 12 — 3078 Ensure SSH root login is disabled — failed (was passed) — /etc/ssh/sshd_config',
    );
    expect(r.body).toContain('Remediation: Set PermitRootLogin no');
  });

  it('takes the caller of Azure activity and GCP audit entries: address, call, identity', () => {
    const alert = (data: object) =>
      reportOf(
        wazuhToReport(
          {
            timestamp: '2026-02-28T08:00:00.000+0000',
            rule: { level: 10, id: '400003', description: 'x' },
            data,
          },
          '{}',
          now,
        ),
      );
    const azure = alert({
      Type: 'AzureActivity',
      OperationName: 'Microsoft.Compute/virtualMachines/start/action',
      Caller: 'jdoe@example.com',
      CallerIpAddress: '203.0.113.25',
    });
    expect(azure.observables).toEqual([{ type: 'ipv4', value: '203.0.113.25' }]);
    expect(azure.body).toContain('Source: 203.0.113.25');
    expect(azure.body).toContain('Cloud call: Microsoft.Compute/virtualMachines/start/action');
    expect(azure.body).toContain('Cloud caller: jdoe@example.com');
    const audit = {
      methodName: 'io.k8s.core.v1.pods.list',
      authenticationInfo: { principalEmail: 'jdoe@example.com' },
      requestMetadata: { callerIp: '198.51.100.77' },
    };
    for (const data of [{ protoPayload: audit }, { gcp: { protoPayload: audit } }]) {
      const gcp = alert(data);
      expect(gcp.observables).toEqual([{ type: 'ipv4', value: '198.51.100.77' }]);
      expect(gcp.body).toContain('Cloud call: io.k8s.core.v1.pods.list\nCloud caller: jdoe@example.com');
    }
    const trail = alert({
      aws: {
        eventSource: 'ec2.amazonaws.com',
        eventName: 'DeleteSecurityGroup',
        sourceIPAddress: 'cloudformation.amazonaws.com',
        userIdentity: { arn: 'arn:aws:iam::111122223333:user/jdoe', userName: 'jdoe' },
      },
    });
    expect(trail.observables).toEqual([]);
    expect(trail.body).toContain('Cloud call: ec2.amazonaws.com DeleteSecurityGroup');
    expect(trail.body).toContain('Cloud caller: arn:aws:iam::111122223333:user/jdoe');
  });

  it('takes the HTTP host of a Suricata alert forwarded by Wazuh', () => {
    const r = reportOf(
      wazuhToReport(
        {
          timestamp: '2026-02-28T08:00:00.000+0000',
          rule: { level: 3, id: '86601', description: 'Suricata: Alert - ET TROJAN' },
          data: {
            src_ip: '10.0.0.5',
            dest_ip: '203.0.113.80',
            http: { hostname: 'c2.example.net', url: '/gate.php' },
          },
        },
        '{}',
        now,
      ),
    );
    expect(r.observables).toContainEqual({ type: 'domain', value: 'c2.example.net' });
  });

  it("takes the alert out of the messages of Wazuh's Shuffle and PagerDuty integrations", () => {
    const alert = {
      timestamp: '2026-02-28T04:11:45.168+0000',
      id: '1772251905.3141',
      rule: { level: 10, id: '5763', description: 'sshd: brute force trying to get access to the system.' },
      agent: { id: '002', name: 'web-01' },
      data: { srcip: '198.51.100.44' },
    };
    const shuffle = {
      severity: 3,
      pretext: 'WAZUH Alert',
      title: alert.rule.description,
      text: null,
      rule_id: '5763',
      timestamp: alert.timestamp,
      id: alert.id,
      all_fields: alert,
    };
    const pagerduty = {
      routing_key: 'key',
      event_action: 'trigger',
      payload: { summary: alert.rule.description, severity: 'error', custom_details: alert },
    };
    for (const message of [shuffle, pagerduty]) {
      const r = reportOf(wazuhToReport(message, 'raw', now));
      expect(r).toMatchObject({
        title: alert.rule.description,
        severity: 'high',
        sourceRef: alert.id,
        raw: 'raw',
      });
      expect(r.observables).toEqual([{ type: 'ipv4', value: '198.51.100.44' }]);
    }
    expect(wazuhToReport({ all_fields: { agent: {} } }, '{}', now)).toEqual({
      error: 'Not a Wazuh alert: no rule',
    });
  });
});
