import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NewReport } from '#contracts/reports.ts';
import { extractObservables, normaliseObservable } from '../../observables/index.ts';
import { automation } from './email-automation.rules.ts';
import { parseEmail } from './email-message.rules.ts';
import { emailToDrafts } from './email-report.rules.ts';

const root = fileURLToPath(new URL('../../../../../../shared/samples/email/', import.meta.url));
const NOW = new Date('2026-03-01T10:00:00Z');

function emlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? emlFiles(join(dir, e.name)) : e.name.endsWith('.eml') ? [join(dir, e.name)] : [],
    )
    .sort();
}

const files = emlFiles(root).map((path) => relative(root, path));

async function draftOf(file: string) {
  const raw = readFileSync(join(root, file));
  const parsed = await parseEmail(raw);
  const drafts = emailToDrafts(parsed, NOW);
  return { raw: raw.toString('latin1'), parsed, drafts, draft: drafts[0]! };
}

const ipOf = (value: string) => ({
  type: value.includes(':') ? 'ipv6' : 'ipv4',
  value: normaliseObservable(value.includes(':') ? 'ipv6' : 'ipv4', value),
});

describe('every e-mail sample', () => {
  it('finds all of them', () => expect(files.length).toBeGreaterThanOrEqual(86));

  it.each(files)('%s becomes one valid report draft', async (file) => {
    const { drafts, draft } = await draftOf(file);
    expect(drafts).toHaveLength(1);
    expect(draft.input.title.trim()).not.toBe('');
    expect(draft.input.body.trim()).not.toBe('');
    expect(draft.input.channel).toBe('email');
    expect(draft.input.sourceRef).toBeTruthy();
    expect(NewReport.safeParse(draft.input).error).toBeUndefined();
  });

  // Built from what the raw file says, so a new ARF sample is checked without editing this table.
  it.each(files)('%s: a Source-IP of an ARF report is sent as an observable', async (file) => {
    const { raw, draft } = await draftOf(file);
    const sourceIp = /^Source-IP:\s*(\S+)/im.exec(raw)?.[1];
    if (!sourceIp || !/^Content-Type:\s*message\/feedback-report/im.test(raw)) return;
    expect(draft.input.source).toBe('arf');
    expect(draft.input.reporter.kind).toBe('organisation');
    expect(draft.input.observables).toContainEqual(ipOf(sourceIp));
  });
});

describe('abuse formats', () => {
  it.each([
    ['abuseio/feedback-loop/AOL_example_1.eml', { type: 'ipv4', value: '10.17.18.1' }],
    ['abuseio/feedback-loop/Bluetie_example_1.eml', { type: 'ipv4', value: '10.17.18.3' }],
    ['abuseio/spamexperts/11.eml', { type: 'ipv6', value: 'fdf1:cb9d:f59e:19b0::122' }],
    ['abuseio/spamexperts/2.eml', { type: 'email', value: 'admin@example.com' }],
  ])('%s is ARF naming %o', async (file, observable) => {
    const { draft } = await draftOf(file);
    expect(draft.input.source).toBe('arf');
    expect(draft.input.observables).toContainEqual(observable);
  });

  it('does not send the complaining provider a feedback loop names as Reported-Domain', async () => {
    const { draft } = await draftOf('abuseio/feedback-loop/Bluetie_example_1.eml');
    expect(draft.input.observables).not.toContainEqual({ type: 'domain', value: 'excite.com' });
  });

  it.each([
    ['abuseio/blocklistde/Blocklistde_Example_2.eml', { type: 'ipv6', value: 'fdf1:cb9d:f59e:19b0::33:4f' }],
    ['abuseio/cleanmx/Cleanmx_Example_1.eml', { type: 'ipv4', value: '192.168.2.20' }],
    ['abuseio/cleanmx/Cleanmx_Example_3.eml', { type: 'ipv6', value: 'fdf1:cb9d:f59e:19b0:45ff::1' }],
    [
      'abuseio/netcraft/Netcraft_Example_8.eml',
      { type: 'url', value: 'http://www.johndoe.tld/modules/3xt/492fa6b3ede550428e9760cdefb33582/' },
    ],
    [
      'abuseio/netcraft/uri_upstream.eml',
      {
        type: 'url',
        value:
          'http://testdomain.nl/ints.cancellation.form.your.pc.is.now.connected/to.ituneserver.with.ssl2active.applecustomers.webformlogin2/',
      },
    ],
    ['abuseio/cyscon/Cyscon_Example_2.eml', { type: 'url', value: 'http://malware.cust.domain.tld/' }],
  ])('%s is X-ARF naming %o', async (file, observable) => {
    const { draft } = await draftOf(file);
    expect(draft.input.source).toBe('x-arf');
    expect(draft.input.observables).toContainEqual(observable);
  });

  it('titles a report without subject after its X-ARF content', async () => {
    const { draft } = await draftOf('abuseio/cleanmx/Cleanmx_Example_1.eml');
    expect(draft.input.title).toBe('X-ARF harvesting report about 192.168.2.20');
    expect(draft.input.receivedAt).toBeUndefined();
  });

  const shadowserver = files.filter((f) => f.includes('shadowserver'));

  it.each(shadowserver)('%s gives Shadowserver rows with addresses', async (file) => {
    const { draft } = await draftOf(file);
    expect(draft.input.source).toBe('shadowserver');
    expect(draft.input.reporter.kind).toBe('organisation');
    const rows = (draft.shadowserverRows ?? []).flatMap((f) => f.rows);
    if (file.includes('scan_mongodb')) {
      // The sample's zip holds an empty CSV.
      expect(draft.warnings).toContainEqual(expect.stringContaining('the CSV is empty'));
      return;
    }
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.observables).toContainEqual(ipOf(row.ip!));
      expect(draft.input.body).toContain(row.ip);
    }
  });

  it('reads the zipped CSV of a Shadowserver mail', async () => {
    const { draft } = await draftOf('abuseio/shadowserver/2019-01-06-scan_afp-sample-ip.csv.zip.eml');
    expect(draft.shadowserverRows).toMatchObject([
      {
        filename: '2019-01-16-scan_afp-sample-ip.csv',
        reportType: 'scan_afp',
        rows: [
          { line: 2, ip: '127.0.6.59', timestamp: '2019-01-16T03:42:34.000Z', fields: { port: '548' } },
          { line: 3, ip: '127.0.6.57', fields: { hostname: 'plan.example.com' } },
        ],
      },
    ]);
    expect(draft.input.body).toContain(
      'Shadowserver report scan_afp in 2019-01-16-scan_afp-sample-ip.csv: 2 rows',
    );
  });
});

describe('phishing samples', () => {
  // Indicators a handler needs from each; some sit only in an HTML link or an attached message.
  it.each([
    ['sample-1.eml', 'domain', 'blog1seguimentmydomaine2bra.me'],
    ['sample-13.eml', 'url', 'https://zzdzw.com/'],
    ['sample-14.eml', 'domain', 'daycassino.shop'],
    ['sample-15.eml', 'url', 'https://www.ninafernandes.com.br/istretto.html'],
    ['sample-162.eml', 'domain', 'climovil.com'],
    ['sample-265.eml', 'domain', 'secure-netcloud.com'],
    ['sample-43.eml', 'url', 'http://esetupkeys.xyz/oop/10544_md/3/4801/6665/681/1190'],
    ['sample-53.eml', 'url', 'https://drive.google.com/file/d/1EMONkPN8uuKTHvpM6wC-21N8mx5tAuTp/preview'],
    ['sample-5856.eml', 'domain', 'peachtales12.us.com'],
    ['sample-662.eml', 'url', 'https://pee6.kundserviceon.com/rodrigofp'],
    ['sample-69.eml', 'url', 'http://bit.do/fVeqi'],
    ['sample-1086.eml', 'domain', 'remove-me-now.org'],
    ['sample-2590.eml', 'email', 'jonathan.okons@gmail.com'],
    ['sample-432.eml', 'sha256', 'b9cd6b1450e559a6560d5d0020c331f4e2700e2d4bbc367a61305db6ccec1cee'],
    ['sample-2341.eml', 'sha256', 'aa80975d7ec836f128bd123855ed1445af3a5b8fcc14cbbf2970eaa2c80d027e'],
  ])('%s yields the %s %s', async (file, type, value) => {
    const { draft } = await draftOf(`phishing_pot/${file}`);
    expect(draft.input.source).toBe('email');
    expect(extractObservables(draft.input.body)).toContainEqual({ type, value });
  });

  it('keeps the headers of a message attached to a spam notice', async () => {
    const { parsed } = await draftOf('phishing_pot/sample-2590.eml');
    expect(parsed.embedded).toMatchObject([{ level: 1, subject: 'PLEASE GET BACK TO US' }]);
    expect(parsed.text).toContain('Reply-To: jonathan.okons@gmail.com');
  });

  it('warns about a refused UTF-7 body but still reads it', async () => {
    const { draft } = await draftOf('phishing_pot/sample-929.eml');
    expect(draft.warnings).toContainEqual(expect.stringContaining('"utf-7"'));
    expect(draft.input.body.length).toBeGreaterThan(1000);
  });
});

describe('automation of samples', () => {
  it.each([
    ['abuseio/spamexperts/2.eml', 'null Return-Path'],
    ['abuseio/cyscon/Cyscon_Example_2.eml', 'Auto-Submitted: auto-generated'],
    ['phishing_pot/sample-14.eml', 'List-Unsubscribe'],
  ])('%s is automated: %s', async (file, reason) => {
    const { parsed } = await draftOf(file);
    expect(automation(parsed).reasons).toContain(reason);
  });

  it('takes a person writing for a person', async () => {
    const { parsed } = await draftOf('phishing_pot/sample-29.eml');
    expect(automation(parsed)).toEqual({ automated: false, reasons: [] });
  });
});
