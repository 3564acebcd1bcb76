import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

async function pdfPages(bytes: Buffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

describeEachDialect('incident reports', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  let key: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    key = (await req('POST', '/api/v1/incidents', { title: `Phishing ${HOSTILE}`, tlp: 'amber' })).json().key;
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });

  async function fillIncident() {
    const version = (await req('GET', `/api/v1/incidents/${key}`)).json().version;
    expect(
      (
        await req('POST', `/api/v1/incidents/${key}/classification`, {
          version,
          stage: 'initial',
          typeId: 'fraud/phishing',
        })
      ).statusCode,
    ).toBe(200);
    for (const text of ['Mail server logs show the lure arriving at 09:12', `Reporter wrote ${HOSTILE}`])
      expect((await req('POST', `/api/v1/incidents/${key}/timeline`, { text })).statusCode).toBe(201);
    const task = await req('POST', `/api/v1/incidents/${key}/tasks`, {
      title: 'Take down the phishing site',
      step: 'eradication',
      party: { kind: 'isp', name: 'Example Hosting' },
    });
    expect(task.statusCode).toBe(201);
    const analysis = await req('PUT', `/api/v1/incidents/${key}/analysis`, {
      version: 0,
      rootCause: 'No MFA on the webmail login',
      assets: [],
      impact: {
        confidentiality: 'high',
        integrity: null,
        availability: 'low',
        affectedUsers: 12,
        affectedRecords: null,
        business: 'Twelve mailboxes exposed',
      },
    });
    expect(analysis.statusCode).toBe(200);
    // Lessons are written through features/lessons; rows are seeded here so this test covers the report only.
    const incidentId = (await req('GET', `/api/v1/incidents/${key}`)).json().id as string;
    const at = new Date().toISOString();
    const who = { updated_by: 'admin@example.test', updated_at: at, version: 1 };
    await t.db.db
      .insertInto('incident_lessons')
      .values({
        incident_id: incidentId,
        went_well: 'The takedown took under an hour',
        went_badly: '',
        detection: 'Alert on new look-alike domains',
        response: '',
        organisation: '',
        reviewed_by: null,
        reviewed_at: null,
        ...who,
      })
      .execute();
    await t.db.db
      .insertInto('incident_follow_ups')
      .values({
        id: 'fu-1',
        incident_id: incidentId,
        kind: 'improvement',
        title: 'Enforce MFA on webmail',
        description: '',
        owner_id: null,
        due_date: '2026-12-31',
        status: 'open',
        playbook_id: null,
        procedure: '',
        created_by: 'admin@example.test',
        created_at: at,
        ...who,
      })
      .execute();
  }

  it('renders both PDFs with the timeline, the sections and the TLP marking on every page', async () => {
    await fillIncident();
    // Long enough to run over several pages: pagination must keep the marking on each one.
    for (let i = 0; i < 40; i++)
      await req('POST', `/api/v1/incidents/${key}/timeline`, {
        text: `Containment step ${i} ${'detail '.repeat(30)}`,
      });
    for (const kind of ['technical', 'management']) {
      const res = await req('GET', `/api/v1/incidents/${key}/reports/${kind}.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`${key}-${kind}.pdf`);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = await pdfPages(res.rawPayload);
      expect(pages.length).toBeGreaterThan(1);
      for (const [i, page] of pages.entries()) {
        expect(page).toContain('TLP:AMBER');
        expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      }
      const all = pages.join('\n').replace(/\s+/g, ' ');
      expect(all).toContain('Mail server logs show the lure arriving at 09:12');
      expect(all).toContain('Containment step 39');
      expect(all).toContain('Take down the phishing site');
      expect(all).toContain('No MFA on the webmail login');
      expect(all).toContain('Twelve mailboxes exposed');
      expect(all).toContain('Example Hosting');
      expect(all).toContain('The takedown took under an hour');
      expect(all).toContain('Enforce MFA on webmail');
    }
  });

  it('escapes hostile content in the HTML report and forbids scripts by CSP', async () => {
    await fillIncident();
    const res = await req('GET', `/api/v1/incidents/${key}/reports/technical.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    expect(res.body).not.toContain('<script');
    expect(res.body).not.toContain('<img');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(res.body).toContain('Mail server logs show the lure arriving at 09:12');
    expect(res.body.match(/TLP:AMBER/g)?.length).toBeGreaterThanOrEqual(2);
    const management = await req('GET', `/api/v1/incidents/${key}/reports/management.html`);
    expect(management.body).toContain('Incident report for management');
    expect(management.body).toContain('Phishing (Fraud)');
  });

  it('is scoped like the incident and audited as an access', async () => {
    const green = await t.userWithRole('viewer', { scope: { tlpCeiling: 'green' } });
    const constituency = (
      await req('POST', '/api/v1/constituencies', { name: 'School', criticality: 'low', assets: [] })
    ).json().id as string;
    const elsewhere = await t.userWithRole('handler', { scope: { constituencies: [constituency] } });
    for (const who of [green, elsewhere])
      for (const path of ['technical.html', 'management.pdf'])
        expect(
          (await req('GET', `/api/v1/incidents/${key}/reports/${path}`, undefined, who.headers)).statusCode,
        ).toBe(404);
    const viewer = await t.userWithRole('viewer');
    expect(
      (await req('GET', `/api/v1/incidents/${key}/reports/management.pdf`, undefined, viewer.headers))
        .statusCode,
    ).toBe(200);
    const audit = (await req('GET', `/api/v1/audit?targetId=${key}`)).json().items as {
      action: string;
      actor: string;
      data: { kind: string; format: string };
    }[];
    const exports = audit.filter((a) => a.action === 'incident.report_exported');
    expect(exports).toHaveLength(1);
    expect(exports[0]?.data).toEqual({ kind: 'management', format: 'pdf' });
  });

  it('lets admins edit templates, refusing unknown variables and sections, and applies them', async () => {
    const list = (await req('GET', '/api/v1/reporting/templates')).json().items as {
      kind: string;
      version: number;
    }[];
    expect(list.map((x) => x.kind)).toEqual(['activity', 'management', 'technical']);
    const bad = await req('PUT', '/api/v1/reporting/templates/technical', {
      version: 1,
      title: 'Report {{incident.secret}}',
      sections: ['timeline', 'bogus', 'timeline'],
      intro: '{{period.from}}',
      outro: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['intro', 'sections.1', 'sections.2', 'title']);
    const handler = await t.userWithRole('handler');
    const update = {
      version: 1,
      title: 'Findings for {{incident.key}}',
      sections: ['timeline'],
      intro: 'Prepared for {{constituency.name}} by {{team}}.',
      outro: '',
    };
    expect(
      (await req('PUT', '/api/v1/reporting/templates/technical', update, handler.headers)).statusCode,
    ).toBe(403);
    const ok = await req('PUT', '/api/v1/reporting/templates/technical', update);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, sections: ['timeline'], updatedBy: 'admin@example.test' });
    expect((await req('PUT', '/api/v1/reporting/templates/technical', update)).statusCode).toBe(409);

    const html = (await req('GET', `/api/v1/incidents/${key}/reports/technical.html`)).body;
    expect(html).toContain(`<h1>Findings for ${key}</h1>`);
    expect(html).toContain('Prepared for none by');
    expect(html).toContain('<h2>Timeline</h2>');
    expect(html).not.toContain('<h2>Root cause</h2>');
  });
});
