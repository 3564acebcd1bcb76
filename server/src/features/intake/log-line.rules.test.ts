import { describe, expect, it } from 'vitest';
import { parseLogLine, readLogLines } from './log-line.rules.ts';

const now = new Date('2026-03-02T12:00:00Z');

describe('log lines', () => {
  it.each([
    [
      'RFC 5424 with structured data',
      '<165>1 2026-03-01T22:14:15.003Z mymachine.example.com evntslog 1234 ID47 [exampleSDID@32473 iut="3" eventSource="App\\"lication"] \uFEFFAn application event',
      {
        message: 'An application event',
        syslog: {
          priority: 165,
          facility: 20,
          severity: 'notice',
          timestamp: '2026-03-01T22:14:15.003Z',
          host: 'mymachine.example.com',
          app: 'evntslog',
          pid: '1234',
          msgid: 'ID47',
          data: { 'exampleSDID@32473': { iut: '3', eventSource: 'App"lication' } },
        },
      },
    ],
    [
      'RFC 5424 with nil fields',
      '<34>1 2026-03-01T10:00:00+01:00 host - - - - failed login',
      {
        message: 'failed login',
        syslog: {
          priority: 34,
          facility: 4,
          severity: 'critical',
          timestamp: '2026-03-01T09:00:00.000Z',
          host: 'host',
        },
      },
    ],
    [
      'RFC 3164, dated in the year that is not ahead of now',
      "<34>Oct 11 22:14:15 mymachine su[42]: 'su root' failed for lonvick on /dev/pts/8",
      {
        message: "'su root' failed for lonvick on /dev/pts/8",
        syslog: {
          priority: 34,
          facility: 4,
          severity: 'critical',
          timestamp: '2025-10-11T22:14:15.000Z',
          host: 'mymachine',
          app: 'su',
          pid: '42',
        },
      },
    ],
    [
      'RFC 3164 without a host, day padded',
      'Mar  1 08:00:00 sshd: Accepted password for root',
      {
        message: 'Accepted password for root',
        syslog: { timestamp: '2026-03-01T08:00:00.000Z', app: 'sshd' },
      },
    ],
    [
      'an RFC 3339 stamp as rsyslog writes it',
      '2019-09-06T17:20:42+02:00 hostfoo spamd[15185]: dns: new_dns_packet',
      {
        message: 'dns: new_dns_packet',
        syslog: { timestamp: '2019-09-06T15:20:42.000Z', host: 'hostfoo', app: 'spamd', pid: '15185' },
      },
    ],
    [
      'a Cisco stamp with its year, closed by a colon, without a host',
      '<166>Jun 07 2025 17:31:57: %ASA-6-113005: AAA user authentication Rejected',
      {
        message: '%ASA-6-113005: AAA user authentication Rejected',
        syslog: { priority: 166, facility: 20, severity: 'info', timestamp: '2025-06-07T17:31:57.000Z' },
      },
    ],
    [
      'a Cisco stamp with milliseconds and a host set off by a colon',
      'Sep 19 2024 10:16:02.25 ASA01 : %ASA-6-302014: Teardown TCP connection',
      {
        message: '%ASA-6-302014: Teardown TCP connection',
        syslog: { timestamp: '2024-09-19T10:16:02.250Z', host: 'ASA01' },
      },
    ],
    [
      'a Cisco IOS sequence number and unsynchronised clock',
      '<189>123: *Mar  1 00:00:45.123: %SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.9)',
      {
        message: '%SYS-5-CONFIG_I: Configured from console by vty0 (10.0.0.9)',
        syslog: { priority: 189, facility: 23, severity: 'notice', timestamp: '2026-03-01T00:00:45.123Z' },
      },
    ],
    [
      'no header at all',
      '%ASA-6-106012: Deny IP from 1.1.1.1',
      { message: '%ASA-6-106012: Deny IP from 1.1.1.1' },
    ],
  ])('reads %s', (_, line, want) => {
    expect(parseLogLine(line, now)).toEqual(want);
  });

  it('reads CEF after a syslog header, unescaping and keeping values with spaces and equals signs', () => {
    const line =
      'Sep 19 08:26:10 host CEF:0|Security|threat\\|manager|1.0|100|worm successfully stopped|10|src=10.0.0.1 ' +
      'dst=2.1.2.2 spt=1232 msg=Detected a threat. No action needed a\\=b request=https://x.example/p?a=1&b=2 ' +
      'cs1Label=Rule Name cs1=Block all\\nnight';
    expect(parseLogLine(line, now)).toMatchObject({
      syslog: { host: 'host', timestamp: '2025-09-19T08:26:10.000Z' },
      cef: {
        version: '0',
        deviceVendor: 'Security',
        deviceProduct: 'threat|manager',
        deviceVersion: '1.0',
        deviceEventClassId: '100',
        name: 'worm successfully stopped',
        severity: '10',
      },
      fields: {
        src: '10.0.0.1',
        dst: '2.1.2.2',
        spt: '1232',
        msg: 'Detected a threat. No action needed a=b',
        request: 'https://x.example/p?a=1&b=2',
        cs1Label: 'Rule Name',
        cs1: 'Block all\nnight',
      },
    });
  });

  it('reads CEF whose `CEF:` prefix a relay took for the syslog tag, and no shorter pipe list', () => {
    const line =
      '0|Check Point|VPN-1 & FireWall-1|Check Point|Log|https|Unknown|act=Accept ' +
      'originsicname=CN\\=fw\\,branch-10,O\\=gw.example src=192.0.2.3';
    expect(parseLogLine(line, now)).toMatchObject({
      cef: { version: '0', deviceVendor: 'Check Point', deviceEventClassId: 'Log', name: 'https' },
      fields: { act: 'Accept', originsicname: 'CN=fw\\,branch-10,O=gw.example', src: '192.0.2.3' },
    });
    expect(parseLogLine('1|2|3|4 status=ok code=7', now)).not.toHaveProperty('cef');
    // A relay that put its own `CEF:` before the sender's.
    expect(parseLogLine('CEF:CEF:0|F5|ASM|15.1|Req|Successful Request|2|src=192.0.2.4', now)).toMatchObject({
      cef: { version: '0', deviceVendor: 'F5', name: 'Successful Request' },
      fields: { src: '192.0.2.4' },
    });
  });

  it('names custom CEF fields by their label when the label is a plain word', () => {
    const event = parseLogLine('CEF:0|V|P|1|1|N|5|cs1Label=MalopId cs1=11.13 cs2Label=Two words cs2=x', now);
    expect(event.fields).toMatchObject({ MalopId: '11.13', cs2: 'x' });
    expect(event.fields).not.toHaveProperty('Two words');
  });

  it.each([
    [
      '1.0, tab-separated',
      'LEEF:1.0|Microsoft|MSExchange|2013|15345|src=10.0.1.7\tdst=10.0.0.5\tusrName=joe',
    ],
    [
      '1.0, pipe-separated as Palo Alto sends it',
      'LEEF:1.0|Palo Alto Networks|PAN-OS|11.1.6|allow|cat=TRAFFIC|src=10.0.1.7|dst=10.0.0.5|usrName=joe',
    ],
    ['2.0 with a caret', 'LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.1.7^dst=10.0.0.5^usrName=joe'],
    [
      '2.0 with a hex delimiter',
      'LEEF:2.0|Lancope|StealthWatch|1.0|41|x09|src=10.0.1.7\tdst=10.0.0.5\tusrName=joe',
    ],
  ])('reads LEEF %s', (_, line) => {
    expect(parseLogLine(`<13>Jan 18 11:07:53 192.168.1.1 ${line}`, now)).toMatchObject({
      leef: { vendor: expect.any(String), eventId: expect.any(String) },
      fields: { src: '10.0.1.7', dst: '10.0.0.5', usrName: 'joe' },
    });
  });

  it('reads JSON after a short prefix, key=value pairs, Check Point pairs and comma-separated values', () => {
    expect(parseLogLine('-: {"threat": 33, "src": {"ip": "1.2.3.4"}}', now).fields).toEqual({
      threat: 33,
      src: { ip: '1.2.3.4' },
    });
    expect(
      parseLogLine(
        'time="2023-11-23 06:49:20" fw="SN1" src=1.2.3.4 msg="a \\"quoted\\" b" to=<a@b.example>',
        now,
      ).fields,
    ).toEqual({
      time: '2023-11-23 06:49:20',
      fw: 'SN1',
      src: '1.2.3.4',
      msg: 'a "quoted" b',
      to: '<a@b.example>',
    });
    // Tab-separated pairs run to the tab, spaces included.
    expect(
      parseLogLine(
        'action=Allowed\turlcategory=Corporate Marketing\tlocation=HQ - 2\turl=a.example/?q=1',
        now,
      ).fields,
    ).toEqual({
      action: 'Allowed',
      urlcategory: 'Corporate Marketing',
      location: 'HQ - 2',
      url: 'a.example/?q=1',
    });
    // So do pairs between semicolons or pipes, when every cell is one.
    expect(
      parseLogLine('site=a.example;who=Jane Doe (12);who_ip=192.0.2.9; status="ok"', now).fields,
    ).toEqual({
      site: 'a.example',
      who: 'Jane Doe (12)',
      who_ip: '192.0.2.9',
      status: 'ok',
    });
    expect(parseLogLine('act=block|url=http://a.example/?q=1 2|src=192.0.2.3', now).fields).toEqual({
      act: 'block',
      url: 'http://a.example/?q=1 2',
      src: '192.0.2.3',
    });
    expect(parseLogLine('syslog[action:"Drop"; origin:"1.1.1.1"; dst:"2.2.2.2"]', now).fields).toEqual({
      action: 'Drop',
      origin: '1.1.1.1',
      dst: '2.2.2.2',
    });
    // Values holding `key=value` of their own, and IKE fields named with a trailing colon.
    const checkPoint =
      'syslog[action:"Accept"; ' +
      '__policy_id_tag:"product=VPN-1[db_tag={A1};mgmt=m1;date=1617956749;policy_name=P\\]"; ' +
      'ike::"Main Mode"; src:"3.3.3.3"; ]';
    expect(parseLogLine(checkPoint, now).fields).toEqual({
      action: 'Accept',
      __policy_id_tag: 'product=VPN-1[db_tag={A1};mgmt=m1;date=1617956749;policy_name=P\\]',
      ike: 'Main Mode',
      src: '3.3.3.3',
    });
    const pf = parseLogLine(
      '69,,,1000006765,vmx1,match,pass,out,4,0x0,,31,42511,0,none,1,icmp,60,1.2.3.4,5.6.7.8',
      now,
    );
    expect(pf.columns).toHaveLength(20);
    expect((pf.columns as string[])[18]).toBe('1.2.3.4');
    // One pair is no structure; a sentence with a few commas is no CSV.
    expect(parseLogLine('user=root logged in, from a, b, c', now)).toEqual({
      message: 'user=root logged in, from a, b, c',
    });
  });

  it('reads `Name: value` pairs after commas or in brackets, names of a few words, keeping comma-separated cells as columns, and Cisco ASA `Name <value>` pairs', () => {
    const ftd = parseLogLine(
      '%FTD-1-430002: EventPriority: Low, ConnectionID: 4, SrcIP: 192.0.2.10, DstIP: 198.51.100.20, ' +
        'Protocol: icmp, IngressInterface: inside, EgressInterface: outside, ACPolicy: Default Allow, Client: ICMP client',
      now,
    );
    expect(ftd.fields).toMatchObject({ SrcIP: '192.0.2.10', DstIP: '198.51.100.20', Client: 'ICMP client' });
    expect(ftd.columns).toHaveLength(9);
    expect(
      parseLogLine(
        'Virus found,IP Address: 192.0.2.5,Computer name: PC1,File path: C:\\x.exe,Description: ',
        now,
      ).fields,
    ).toEqual({
      'IP Address': '192.0.2.5',
      'Computer name': 'PC1',
      'File path': 'C:\\x.exe',
      Description: '',
    });
    expect(
      parseLogLine(
        '%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: ] [Source: 192.0.2.6] [localport: 22]',
        now,
      ).fields,
    ).toEqual({ user: '', Source: '192.0.2.6', localport: '22' });
    expect(
      parseLogLine(
        '%FTD-4-722051: Group <VPN> User <jdoe> IP <192.0.2.7> IPv4 Address <10.0.0.5> IPv6 address <::> assigned',
        now,
      ).fields,
    ).toEqual({
      Group: 'VPN',
      User: 'jdoe',
      IP: '192.0.2.7',
      'IPv4 Address': '10.0.0.5',
      'IPv6 address': '::',
    });
    // Prose with a colon or two is no list of pairs; an opening `Name: value` counts beside two more.
    expect(parseLogLine('error: disk full, retry: 3', now)).toEqual({
      message: 'error: disk full, retry: 3',
    });
    expect(
      parseLogLine('Site: S1,Server Name: STR04,Domain Name: D,The client has downloaded', now).fields,
    ).toEqual({
      Site: 'S1',
      'Server Name': 'STR04',
      'Domain Name': 'D',
    });
    expect(
      parseLogLine('No matching connection for ICMP error message: icmp src outside: 192.0.2.1', now),
    ).toEqual({
      message: 'No matching connection for ICMP error message: icmp src outside: 192.0.2.1',
    });
  });

  it('reads `Key=value, Key=value` pairs whose names and values hold spaces, as Cisco ISE writes them', () => {
    expect(
      parseLogLine(
        '0000087238 3 1  Acs=ISE/1/2, UseCase=Host Lookup, Device IP Address=192.0.2.7, ' +
          'cisco-av-pair=mdm-tlv=device-platform=win, Tunnel-Client-Endpoint=(tag=0) 192.0.2.8,',
        now,
      ).fields,
    ).toEqual({
      Acs: 'ISE/1/2',
      UseCase: 'Host Lookup',
      'Device IP Address': '192.0.2.7',
      'cisco-av-pair': 'mdm-tlv=device-platform=win',
      'Tunnel-Client-Endpoint': '(tag=0) 192.0.2.8',
    });
    // Only a comma closes a value with spaces; a quoted one closes itself.
    expect(
      parseLogLine('89BE920002: from=<a@b.example>, size=15, nrcpt=1 (queue active)', now).fields,
    ).toEqual({
      from: '<a@b.example>',
      size: '15',
      nrcpt: '1',
    });
    expect(parseLogLine('a=x y, b="c d"', now).fields).toEqual({ a: 'x y', b: 'c d' });
    // Pairs set off by a bare comma are read as before: a word ahead of one is no part of its name.
    expect(
      parseLogLine('result: -1 - DKIM_SIGNED,SPF_PASS scantime=2.9,size=55475,user=spamd', now).fields,
    ).toEqual({ scantime: '2.9', size: '55475', user: 'spamd' });
  });

  it('splits pairs at semicolons or pipes only outside quotes and only when that reads as many pairs as spaces do', () => {
    expect(parseLogLine('src=1.2.3.4 dst=5.6.7.8 url=/a;jsessionid=abc', now).fields).toEqual({
      src: '1.2.3.4',
      dst: '5.6.7.8',
      url: '/a',
      jsessionid: 'abc',
    });
    expect(parseLogLine('srcip=1.2.3.4 dstip=5.6.7.8 msg="blocked; reason=policy"', now).fields).toEqual({
      srcip: '1.2.3.4',
      dstip: '5.6.7.8',
      msg: 'blocked; reason=policy',
    });
    expect(parseLogLine('src=1.2.3.4 url="/x|y=1"', now).fields).toEqual({ src: '1.2.3.4', url: '/x|y=1' });
    // A tie goes to the separators: BeyondTrust's values hold spaces.
    expect(parseLogLine('who=Jane Doe (12);who_ip=10.0.0.1;action=login', now).fields).toEqual({
      who: 'Jane Doe (12)',
      who_ip: '10.0.0.1',
      action: 'login',
    });
    expect(parseLogLine('who="A; B";who_ip=10.0.0.1', now).fields).toEqual({
      who: 'A; B',
      who_ip: '10.0.0.1',
    });
  });

  it('takes no words of prose into the name of a comma-separated pair', () => {
    expect(parseLogLine('Accepted connection from src=1.2.3.4, dst=5.6.7.8', now).fields).toEqual({
      src: '1.2.3.4',
      dst: '5.6.7.8',
    });
    expect(parseLogLine('user logged in from host=1.2.3.4, port=22', now).fields).toEqual({
      host: '1.2.3.4',
      port: '22',
    });
    expect(
      parseLogLine('Device IP Address=10.0.0.1, Device Port=1812, UseCase=Host Lookup, Protocol=Radius', now)
        .fields,
    ).toEqual({
      'Device IP Address': '10.0.0.1',
      'Device Port': '1812',
      UseCase: 'Host Lookup',
      Protocol: 'Radius',
    });
  });

  it('reads a date and time with a space and no zone as a stamp of its own, with no host after it', () => {
    expect(parseLogLine('2024-06-01 10:00:00 ERROR Failed login for admin from 203.0.113.9', now)).toEqual({
      message: 'ERROR Failed login for admin from 203.0.113.9',
      syslog: { timestamp: '2024-06-01T10:00:00.000Z' },
    });
    // A W3C record numbers its columns alike whatever s-ip holds.
    const w3c = (sIp: string) =>
      parseLogLine(
        `2024-06-01 10:00:00 ${sIp} GET /index.html - 80 - 203.0.113.9 Mozilla/5.0 200 0 0 15`,
        now,
      ).columns as string[];
    expect(w3c('10.0.0.5').slice(0, 3)).toEqual(['10.0.0.5', 'GET', '/index.html']);
    expect(w3c('-').slice(0, 3)).toEqual(['-', 'GET', '/index.html']);
    // Behind a PRI the word after the stamp is the host, `-` the nil one: the columns keep their places.
    const relayed = (host: string) =>
      parseLogLine(`<134>2024-06-01 10:00:00 ${host} GET /index.html - 80 - 203.0.113.9 200 0 0 15`, now);
    expect(relayed('10.0.0.5').syslog).toMatchObject({ host: '10.0.0.5' });
    expect(relayed('-').syslog).not.toHaveProperty('host');
    expect(relayed('-').columns).toEqual(relayed('10.0.0.5').columns);
    expect((relayed('-').columns as string[])[0]).toBe('GET');
  });

  it('reads `Name: value` lines whose breaks a relay escaped as \\r\\n, and unquotes whole CEF values', () => {
    expect(
      parseLogLine(
        'Result description: Detected\\r\\nType: Virus\\r\\nUser: PC1\\jdoe (Initiator)\\r\\n' +
          '\\tObject: C:\\Users\\jdoe\\e.txt\\r\\nSHA256: 275A02\\r\\nEmpty:\\r\\nMD5: 44D886',
        now,
      ).fields,
    ).toEqual({
      'Result description': 'Detected',
      Type: 'Virus',
      User: 'PC1\\jdoe (Initiator)',
      Object: 'C:\\Users\\jdoe\\e.txt',
      SHA256: '275A02',
      Empty: '',
      MD5: '44D886',
    });
    expect(
      parseLogLine('CEF:0|SonicWall|NSa|7|98|Opened|4|susr="ABC\\\\user" cs1="A -> B" msg=say "hi" now', now)
        .fields,
    ).toEqual({ susr: 'ABC\\user', cs1: 'A -> B', msg: 'say "hi" now' });
  });

  it('reads an epoch header stamp, as Cisco Meraki and Squid write it, and no number as the host', () => {
    expect(
      parseLogLine('<134>1 1673277220.253011885 MX84 flows src=192.0.2.1 dst=192.0.2.2', now),
    ).toMatchObject({
      message: 'flows src=192.0.2.1 dst=192.0.2.2',
      syslog: { priority: 134, timestamp: '2023-01-09T15:13:40.253Z', host: 'MX84' },
      fields: { src: '192.0.2.1', dst: '192.0.2.2' },
    });
    expect(
      parseLogLine(
        '1564576741.982   5756 192.0.2.1 TCP_TUNNEL/200 6295 CONNECT a.example:443 - HIER_DIRECT/-',
        now,
      ),
    ).toMatchObject({
      syslog: { timestamp: '2019-07-31T12:39:01.982Z' },
      columns: [
        '5756',
        '192.0.2.1',
        'TCP_TUNNEL/200',
        '6295',
        'CONNECT',
        'a.example:443',
        '-',
        'HIER_DIRECT/-',
      ],
    });
  });

  it('reads an RFC 3339 header stamp written with a space for the T', () => {
    expect(parseLogLine('2026-03-01 10:00:00+01:00 fw01 kernel: dropped', now)).toEqual({
      message: 'dropped',
      syslog: { timestamp: '2026-03-01T09:00:00.000Z', host: 'fw01', app: 'kernel' },
    });
  });

  it('reads space-separated records into columns, quoted and bracketed fields whole, and no prose', () => {
    expect(
      parseLogLine('2 4248 eni-0f06 195.14.170.50 10.0.0.96 53996 20248 6 1 40 1599665374 REJECT OK', now)
        .columns,
    ).toEqual([
      '2',
      '4248',
      'eni-0f06',
      '195.14.170.50',
      '10.0.0.96',
      '53996',
      '20248',
      '6',
      '1',
      '40',
      '1599665374',
      'REJECT',
      'OK',
    ]);
    expect(
      parseLogLine(
        '192.0.2.1 - jdoe [15/Jan/2024:14:30:25 +0100] "GET /a?b=\\"c\\" HTTP/1.1" 200 2048 "-"',
        now,
      ).columns,
    ).toEqual([
      '192.0.2.1',
      '-',
      'jdoe',
      '15/Jan/2024:14:30:25 +0100',
      'GET /a?b="c" HTTP/1.1',
      '200',
      '2048',
      '-',
    ]);
    expect(
      parseLogLine('pam_unix(sudo:session): session closed for user wabuser on tty1', now),
    ).not.toHaveProperty('columns');
    // A W3C record's leading `-` is a nil field, not the header's host.
    expect(parseLogLine('2023-12-16 21:30:10 - 138 0 1.2.3.4 GET http - 302 -', now)).toMatchObject({
      syslog: { timestamp: '2023-12-16T21:30:10.000Z' },
      columns: ['-', '138', '0', '1.2.3.4', 'GET', 'http', '-', '302', '-'],
    });
  });

  it('splits a body into one event per non-blank line, refusing only an empty one', () => {
    const read = readLogLines('CEF:0|V|P|1|1|A|5|src=1.2.3.4\r\n\n  \nplain text\n', now, 10);
    expect(read).toMatchObject({
      events: [
        { line: 1, raw: 'CEF:0|V|P|1|1|A|5|src=1.2.3.4', event: { cef: { name: 'A' } } },
        { line: 4, raw: 'plain text', event: { message: 'plain text' } },
      ],
    });
    expect(readLogLines(' \n', now, 10)).toEqual({ malformed: 'The body is empty' });
    const long = readLogLines(`ok\n${'x'.repeat(1_048_577)}`, now, 10);
    expect(long).toMatchObject({
      events: [{ line: 1 }, { line: 2, error: expect.stringContaining('longer') }],
    });
  });

  it('stops reading once a body holds more events than a submission may', () => {
    const read = readLogLines('a\n'.repeat(1_000_000), now, 5_000);
    expect('events' in read && read.events).toHaveLength(5_001);
  });

  it.each([
    ['a plain line starting with "1 " (RFC 5424 needs its PRI)', '1 failed login from 10.0.0.1 for bob', {}],
    ['an RFC 5424 header whose stamp is no time', '<13>1 yesterday host app - - - x', {}],
    ['an IPv6 host', 'Jan  5 08:00:00 fe80::1 sshd[12]: msg', { host: 'fe80::1', app: 'sshd', pid: '12' }],
  ])('reads %s', (_, line, syslog) => {
    const event = parseLogLine(line, now);
    expect(event.syslog ?? {}).toMatchObject(syslog);
    if (!Object.keys(syslog).length) expect(event.message).toBe(line.replace(/^<13>/, ''));
  });

  it('dates an RFC 3164 stamp in the latest year not more than a day ahead, and refuses one that does not exist', () => {
    const newYearsEve = new Date('2024-12-31T23:00:00Z');
    expect(parseLogLine('<13>Jan  1 00:30:00 host app: x', newYearsEve).syslog).toMatchObject({
      timestamp: '2025-01-01T00:30:00.000Z',
    });
    expect(parseLogLine('<13>Dec 31 22:59:00 host app: x', newYearsEve).syslog).toMatchObject({
      timestamp: '2024-12-31T22:59:00.000Z',
    });
    expect(parseLogLine('<13>Feb 30 10:00:00 host app: x', now).syslog).not.toHaveProperty('timestamp');
    expect(parseLogLine('<13>Mar  1 25:61:00 host app: x', now).syslog).not.toHaveProperty('timestamp');
  });

  it('keeps keys named like object properties as fields, and LEEF 2.0 attributes without a delimiter field', () => {
    expect(parseLogLine('constructor=1 toString=2 __proto__=3 a=4', now).fields).toEqual(
      Object.fromEntries([
        ['constructor', '1'],
        ['toString', '2'],
        ['__proto__', '3'],
        ['a', '4'],
      ]),
    );
    const sd = parseLogLine('<13>1 2026-03-01T10:00:00Z h a - - [__proto__ polluted="yes"] m', now);
    expect(Object.keys((sd.syslog as { data: object }).data)).toEqual(['__proto__']);
    expect(parseLogLine('CEF:0|V|P|1|1|N|5|cs1Label=constructor cs1=x', now).fields).toHaveProperty(
      'constructor',
      'x',
    );
    expect(parseLogLine('LEEF:2.0|V|P|1|E1|src=1.2.3.4\tdst=5.6.7.8', now).fields).toEqual({
      src: '1.2.3.4',
      dst: '5.6.7.8',
    });
  });

  it('reads a line of 20,000 pairs (no scan per pair)', () => {
    const line = `CEF:0|V|P|1|1|N|5|${Array.from({ length: 20_000 }, (_, i) => `k${i}=v ${i}`).join(' ')}`;
    const event = parseLogLine(line, now);
    expect(Object.keys(event.fields as object)).toHaveLength(20_000);
    expect((event.fields as Record<string, string>).k19999).toBe('v 19999');
  });
});
