import { describe, expect, it } from 'vitest';
import { TheHiveAlertV0, TheHiveAlertV1 } from '#contracts/thehive-alerts.ts';
import {
  MAX_INLINE_FILE_BYTES,
  observableOf,
  parseInlineFile,
  readArtifacts,
} from './thehive-artifact.rules.ts';

describe('TheHive artifacts', () => {
  it.each([
    ['ip', '192.0.2.1', { type: 'ipv4', value: '192.0.2.1' }],
    ['ip', '2001:DB8::1', { type: 'ipv6', value: '2001:db8::1' }],
    ['ip', '192.0.2.0/24', { type: 'cidr', value: '192.0.2.0/24' }],
    ['IP', '192.0.2.1', { type: 'ipv4', value: '192.0.2.1' }],
    ['domain', 'Evil.example.com', { type: 'domain', value: 'evil.example.com' }],
    ['fqdn', 'www.example.org', { type: 'domain', value: 'www.example.org' }],
    ['url', 'hxxps://evil[.]example/x', { type: 'url', value: 'https://evil.example/x' }],
    ['mail', 'Bob@Example.org', { type: 'email', value: 'bob@example.org' }],
    ['hash', 'a'.repeat(32), { type: 'md5', value: 'a'.repeat(32) }],
    ['hash', 'b'.repeat(40), { type: 'sha1', value: 'b'.repeat(40) }],
    ['hash', 'C'.repeat(64), { type: 'sha256', value: 'c'.repeat(64) }],
    ['hash', 'd'.repeat(128), null],
    ['autonomous-system', '64500', { type: 'asn', value: 'AS64500' }],
    ['ip', 'not-an-ip', null],
    ['filename', 'invoice.pdf', null],
    ['user-agent', 'curl/8.0', null],
  ])('artifact %s %j → %j', (dataType, data, expected) => {
    expect(observableOf(dataType, data)).toEqual(expected);
  });

  it('decodes inline files and refuses malformed or oversized ones', () => {
    const ok = parseInlineFile(`a.txt;text/plain;${Buffer.from('abc').toString('base64')}`);
    expect(ok).toMatchObject({ name: 'a.txt', contentType: 'text/plain', size: 3 });
    expect(typeof parseInlineFile('a.txt;text/plain')).toBe('string');
    expect(typeof parseInlineFile('a.txt;text/plain;not base64!')).toBe('string');
    const big = Buffer.alloc(MAX_INLINE_FILE_BYTES + 1).toString('base64');
    expect(parseInlineFile(`big.bin;application/octet-stream;${big}`)).toMatch(/larger than/);
  });

  it('names attachments that reference no multipart part', () => {
    const alert = TheHiveAlertV1.parse({
      title: 't',
      description: 'd',
      type: 'x',
      source: 's',
      sourceRef: 'r',
      observables: [{ dataType: 'file', attachment: ['one', { name: 'stored.bin', id: 'abc' }] }],
    });
    const read = readArtifacts('v1', alert, new Map());
    expect(read.issues).toEqual([
      { path: 'body.observables.0.attachment.0', message: 'names no file part of the multipart body: one' },
    ]);
    // A file already stored in TheHive is named in the body: its content never reaches Firebreak.
    expect(read.others).toEqual(['file: stored.bin (stored in TheHive as abc)']);
  });

  it('reads each value of a multi-valued observable and de-duplicates', () => {
    const alert = TheHiveAlertV1.parse({
      title: 't',
      description: 'd',
      type: 'x',
      source: 's',
      sourceRef: 'r',
      observables: [
        { dataType: 'ip', data: ['192.0.2.1', '192.0.2.1', 'x'] },
        { dataType: 'hash', data: 'a'.repeat(32) },
      ],
    });
    const read = readArtifacts('v1', alert, new Map());
    expect(read.observables).toEqual([
      { type: 'ipv4', value: '192.0.2.1' },
      { type: 'md5', value: 'a'.repeat(32) },
    ]);
    expect(read.others).toEqual(['ip: x']);
    expect(read.echo).toHaveLength(4);
  });

  it('reads an observable with data by its data, ignoring an attachment beside it (TheHive 5 OpenAPI example)', () => {
    const alert = TheHiveAlertV1.parse({
      title: 't',
      description: 'd',
      type: 'x',
      source: 's',
      sourceRef: 'r',
      observables: [
        {
          dataType: 'ip',
          data: '192.0.2.1',
          attachment: { name: 'string', contentType: 'string', id: 'string' },
        },
      ],
    });
    const read = readArtifacts('v1', alert, new Map());
    expect(read.issues).toEqual([]);
    expect(read.others).toEqual([]);
    expect(read.echo).toEqual([{ dataType: 'ip', data: '192.0.2.1', tags: [], tlp: 2, ioc: false }]);
  });

  it("names a file TheHive 3's MISP connector left in MISP (remoteAttachment)", () => {
    const alert = TheHiveAlertV0.parse({
      title: 't',
      description: 'd',
      type: 'misp',
      source: 'MISP',
      sourceRef: '1234',
      artifacts: [
        {
          dataType: 'file',
          message: 'Payload delivery',
          remoteAttachment: { filename: 'invoice.doc', reference: '5678', type: 'malware-sample' },
        },
      ],
    });
    const read = readArtifacts('v0', alert, new Map());
    expect(read.issues).toEqual([]);
    expect(read.others).toEqual([
      'file: invoice.doc (left in MISP: 5678, malware-sample) — Payload delivery',
    ]);
    expect(read.echo[0]).toMatchObject({ dataType: 'file', data: 'invoice.doc' });
    expect(TheHiveAlertV0.safeParse({ ...alert, artifacts: [{ dataType: 'file' }] }).success).toBe(false);
  });

  it('echoes observables in the order sent, files among them', () => {
    const alert = TheHiveAlertV1.parse({
      title: 't',
      description: 'd',
      type: 'x',
      source: 's',
      sourceRef: 'r',
      observables: [
        { dataType: 'file', attachment: 'attachment0' },
        { dataType: 'ip', data: '192.0.2.1' },
      ],
    });
    const file = {
      name: 'a.bin',
      contentType: 'application/octet-stream',
      size: 1,
      sha256: 'a',
      sha1: 'b',
      md5: 'c',
    };
    const read = readArtifacts('v1', alert, new Map([['attachment0', file]]));
    expect(read.echo.map((e) => e.dataType)).toEqual(['file', 'ip']);
  });
});
