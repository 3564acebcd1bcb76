import { describe, expect, it } from 'vitest';
import { readZeekBody, unescapeZeek } from './zeek-body.rules.ts';

/* Zeek's ASCII writer output (TSV) and JSON lines, synthesised after real logs of Zeek 6. */

const header = (path: string, fields: string[], types: string[]) =>
  [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    '#open\t2024-03-07-19-00-00',
    `#fields\t${fields.join('\t')}`,
    `#types\t${types.join('\t')}`,
  ].join('\n');

const noticeHeader = header(
  'notice',
  ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'note', 'msg', 'sub', 'p', 'actions', 'email_dest', 'dropped'],
  ['time', 'string', 'addr', 'port', 'enum', 'string', 'string', 'port', 'set[enum]', 'set[string]', 'bool'],
);
const connHeader = header(
  'conn',
  ['ts', 'uid', 'id.orig_h', 'duration', 'orig_bytes', 'tunnel_parents'],
  ['time', 'string', 'addr', 'interval', 'count', 'set[string]'],
);

const eventsOf = (body: string) => {
  const read = readZeekBody(body);
  if (!('events' in read)) throw new Error(read.malformed);
  return read.events;
};

describe('Zeek TSV', () => {
  it.each([
    [
      'typed values: numbers, ports, T/F, sets; unset fields left out, empty ones empty',
      '1709838049.373142\tCPhDKt12KQPUVbQz06\t192.168.100.164\t49210\tScan::Port_Scan\tscan\t(empty)\t-\tNotice::ACTION_LOG,Notice::ACTION_ALARM\t(empty)\tF',
      {
        _path: 'notice',
        ts: 1709838049.373142,
        uid: 'CPhDKt12KQPUVbQz06',
        'id.orig_h': '192.168.100.164',
        'id.orig_p': 49210,
        note: 'Scan::Port_Scan',
        msg: 'scan',
        sub: '',
        actions: ['Notice::ACTION_LOG', 'Notice::ACTION_ALARM'],
        email_dest: [],
        dropped: false,
      },
    ],
    [
      'escapes: tab, backslash, UTF-8 bytes, a Latin-1 byte, NUL, a value equal to the unset mark',
      '1\tC1\t-\t-\tA::B\ta\\x09b \\x5cx41 \\xc3\\xa4\tl\\xe4 1\\x002\tnope\t\\x2d\t(empty)\tT',
      {
        _path: 'notice',
        ts: 1,
        uid: 'C1',
        note: 'A::B',
        msg: 'a\tb \\x41 ä',
        sub: 'l\u00e4 1\u00002',
        p: 'nope',
        actions: ['-'],
        email_dest: [],
        dropped: true,
      },
    ],
    [
      'set elements: the set separator escaped inside one, an empty one',
      '1\tC1\t-\t-\tA::B\tm\t-\t-\ta\\x2cb,(empty),c\tsoc@example.org\t-',
      {
        _path: 'notice',
        ts: 1,
        uid: 'C1',
        note: 'A::B',
        msg: 'm',
        actions: ['a,b', '', 'c'],
        email_dest: ['soc@example.org'],
      },
    ],
  ])('reads %s', (_name, line, event) => {
    expect(eventsOf(`${noticeHeader}\n${line}\n#close\t2024-03-07-20-00-00\n`)).toEqual([
      { line: 9, event, raw: line },
    ]);
  });

  it('reads several logs one after another, each by its own header block', () => {
    const conn = '1709838040.1\tCx\t10.0.0.1\t0.5\t120\tCa,Cb';
    const notice = '1709838049.5\tCy\t10.0.0.2\t80\tA::B\tm\t-\t-\t(empty)\t(empty)\t-';
    const events = eventsOf(`${connHeader}\n${conn}\n#close\tx\n${noticeHeader}\n${notice}\n`);
    expect(events).toEqual([
      {
        line: 9,
        raw: conn,
        event: {
          _path: 'conn',
          ts: 1709838040.1,
          uid: 'Cx',
          'id.orig_h': '10.0.0.1',
          duration: 0.5,
          orig_bytes: 120,
          tunnel_parents: ['Ca', 'Cb'],
        },
      },
      {
        line: 19,
        raw: notice,
        event: expect.objectContaining({ _path: 'notice', note: 'A::B', actions: [] }),
      },
    ]);
  });

  it.each([
    [
      'a data line before any #fields header',
      `1\tCx\n${connHeader}\n1\tCx\t-\t-\t-\t-`,
      [{ line: 1, error: 'A data line before any #fields header' }, { line: 10 }],
    ],
    [
      'a line with too few or too many fields',
      `${connHeader}\n1\tCx\t-\t-\t-\n1\tCx\t-\t-\t-\t-\n1\tCx\t-\t-\t-\t-\t-`,
      [
        { line: 9, error: 'Expected 6 fields as #fields names, found 5' },
        { line: 10 },
        { line: 11, error: 'Expected 6 fields as #fields names, found 7' },
      ],
    ],
    [
      'a line with a bare NUL byte, which Zeek would have escaped',
      `${connHeader}\n1\tCx\t-\t-\t-\ta\u0000b`,
      [{ line: 9, error: 'The line holds a NUL byte' }],
    ],
    [
      'a data line after a new #separator but before its #fields',
      `${connHeader}\n#separator \\x09\n1\tCx\t-\t-\t-\t-`,
      [{ line: 10, error: 'A data line before any #fields header' }],
    ],
  ])('lists %s as an error of that line', (_name, body, want) => {
    expect(eventsOf(body)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  it('honours the declared separator, CRLF line ends, logs without #types or #path', () => {
    const body = '#separator \\x7c\r\n#fields|ts|uid|note|id.orig_p\r\n1.5|C1|A::B|(empty)\r\n';
    expect(eventsOf(body)).toEqual([
      { line: 3, raw: '1.5|C1|A::B|(empty)', event: { ts: '1.5', uid: 'C1', note: 'A::B', 'id.orig_p': '' } },
    ]);
  });

  it('reads a log pasted as an indented block (Markdown, a quoted mail), skipping the prose around it', () => {
    const indented = ['\t#separator \\x09', '\t#path\tnotice', '\t#fields\tts\tuid\tnote', '\t1.5\tC1\tA::B']
      .join('\n')
      .concat('\n\nhttp.log\n\n    #fields\tts\n    2\n');
    expect(eventsOf(indented)).toEqual([
      { line: 4, raw: '1.5\tC1\tA::B', event: { _path: 'notice', ts: '1.5', uid: 'C1', note: 'A::B' } },
    ]);
  });

  it('says so when the #fields names are divided by spaces, as a page that expanded the tabs shows them', () => {
    const body = '#separator \\x09\n#path   notice\n#fields ts      uid     note\n1.5     C1      A::B\n';
    expect(eventsOf(body)).toEqual([
      {
        line: 4,
        error: 'The #fields names are not divided by the #separator (were its tabs turned into spaces?)',
      },
    ]);
  });

  it('takes a header block without data lines as no events, and a field named __proto__ as a field', () => {
    expect(eventsOf(`${connHeader}\n#close\tx\n`)).toEqual([]);
    const [e] = eventsOf('#separator \\x09\n#fields\t__proto__\tuid\nx\tC1');
    expect(e && 'event' in e && Object.keys(e.event)).toEqual(['__proto__', 'uid']);
    expect(e && 'event' in e && Object.getPrototypeOf(e.event)).toBe(Object.prototype);
  });
});

describe('Zeek JSON lines', () => {
  it('reads JSON lines with and without _path, as Corelight and Zeek write them', () => {
    const lines = [
      '{"_path":"notice","_system_name":"s1","ts":"2024-03-07T19:00:49.373142Z","note":"A::B","id.orig_h":"10.0.0.1"}',
      '{"ts":1709838049.373142,"uid":"C1","id.orig_h":"10.0.0.1","note":"A::B","actions":["Notice::ACTION_LOG"]}',
    ];
    expect(eventsOf(lines.join('\n'))).toEqual([
      { line: 1, raw: lines[0], event: JSON.parse(lines[0]!) },
      { line: 2, raw: lines[1], event: JSON.parse(lines[1]!) },
    ]);
  });

  it.each([
    ['an empty body', '  \n', 'The body is empty'],
    [
      'zeek-cut output without headers',
      '1\tC1\tA::B\n2\tC2\tA::B',
      'neither a Zeek log with a #fields header',
    ],
    ['broken JSON', '{"ts": 1, "note": ', 'not valid JSON'],
  ])('refuses %s as malformed', (_name, body, message) => {
    expect(readZeekBody(body)).toEqual({ malformed: expect.stringContaining(message) });
  });
});

describe('unescapeZeek', () => {
  it.each([
    ['plain', 'plain'],
    ['\\x09\\x0a', '\t\n'],
    ['\\xe2\\x82\\xac5', '€5'],
    ['caf\\xe9', 'caf\u00e9'],
    ['\\xzz \\x4', '\\xzz \\x4'],
    ['\\xef\\xbb\\xbfa', '\ufeffa'],
    // A Latin-1 byte does not turn the UTF-8 beside it into mojibake.
    ['\\xc3\\xa4 \\xe9', '\u00e4 \u00e9'],
  ])('reads %j as %j', (text, want) => expect(unescapeZeek(text)).toBe(want));
});
