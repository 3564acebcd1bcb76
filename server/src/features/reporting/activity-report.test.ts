import { extractText, getDocumentProxy } from 'unpdf';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;

interface Seed {
  constituency: 'a' | 'b';
  tlp: string;
  created: string;
  ackHours: number | null;
  closeHours: number | null;
  priority: string | null;
  sla: boolean;
  responseBreached?: boolean;
  resolutionBreached?: boolean;
  typeId: string | null;
}

// The seeded set; the expected figures below are worked out by hand from it.
const SEEDS: Seed[] = [
  {
    constituency: 'a',
    tlp: 'amber',
    created: '2026-03-02T00:00:00.000Z',
    ackHours: 2,
    closeHours: 10,
    priority: 'P1',
    sla: true,
    typeId: 'fraud/phishing',
  },
  {
    constituency: 'a',
    tlp: 'amber',
    created: '2026-03-05T08:00:00.000Z',
    ackHours: 4,
    closeHours: 30,
    priority: 'P2',
    sla: true,
    resolutionBreached: true,
    typeId: 'malicious-code/infected-system',
  },
  {
    constituency: 'a',
    tlp: 'green',
    created: '2026-03-10T12:00:00.000Z',
    ackHours: 1,
    closeHours: null,
    priority: 'P2',
    sla: true,
    responseBreached: true,
    typeId: 'fraud/phishing',
  },
  {
    constituency: 'b',
    tlp: 'amber',
    created: '2026-03-12T00:00:00.000Z',
    ackHours: null,
    closeHours: null,
    priority: 'P3',
    sla: false,
    typeId: null,
  },
  {
    constituency: 'a',
    tlp: 'amber',
    created: '2026-04-01T00:00:00.000Z',
    ackHours: 1,
    closeHours: 1,
    priority: 'P1',
    sla: true,
    typeId: 'fraud/phishing',
  },
  {
    constituency: 'a',
    tlp: 'red',
    created: '2026-03-31T23:59:00.000Z',
    ackHours: null,
    closeHours: null,
    priority: 'P1',
    sla: true,
    typeId: 'fraud/phishing',
  },
];

const plus = (iso: string, hours: number | null) =>
  hours === null ? null : new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

describeEachDialect('activity report', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  const ids: Record<'a' | 'b', string> = { a: '', b: '' };
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    for (const c of ['a', 'b'] as const)
      ids[c] = (
        await req('POST', '/api/v1/constituencies', {
          name: `Constituency ${c.toUpperCase()}`,
          criticality: 'low',
          assets: [],
        })
      ).json().id;
    for (const s of SEEDS) {
      const created = await req('POST', '/api/v1/incidents', {
        title: 'x',
        tlp: s.tlp,
        constituencyId: ids[s.constituency],
      });
      expect(created.statusCode).toBe(201);
      const { key, version } = created.json();
      if (s.typeId)
        expect(
          (
            await req('POST', `/api/v1/incidents/${key}/classification`, {
              version,
              stage: 'initial',
              typeId: s.typeId,
            })
          ).statusCode,
        ).toBe(200);
      await t.db.db
        .updateTable('incidents')
        .set({
          created_at: s.created,
          responded_at: plus(s.created, s.ackHours),
          closed_at: plus(s.created, s.closeHours),
          priority: s.priority,
          response_due_at: s.sla ? plus(s.created, 4) : null,
          resolution_due_at: s.sla ? plus(s.created, 24) : null,
          response_breached_at: s.responseBreached ? plus(s.created, 4) : null,
          resolution_breached_at: s.resolutionBreached ? plus(s.created, 24) : null,
        })
        .where('key', '=', key)
        .execute();
    }
  });
  afterEach(() => t.close());

  const req = (method: 'GET' | 'POST', url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const march = (extra = '') => `from=2026-03-01&to=2026-03-31${extra}`;

  it('counts by class and priority, SLA compliance and median times for a constituency', async () => {
    const res = await req('GET', `/api/v1/reporting/activity?${march(`&constituency=${ids.a}`)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      constituency: { id: ids.a, name: 'Constituency A' },
      total: 4,
      closed: 2,
      byClass: [
        { key: 'fraud', label: 'Fraud', count: 3 },
        { key: 'malicious-code', count: 1 },
      ],
      byPriority: [
        { key: 'P1', count: 2 },
        { key: 'P2', count: 2 },
      ],
      sla: {
        withTargets: 4,
        compliant: 2,
        responseBreached: 1,
        resolutionBreached: 1,
        compliancePercent: 50,
      },
      times: { acknowledgeMedianHours: 2, acknowledged: 3, resolveMedianHours: 20, resolved: 2 },
    });
  });

  it('covers every constituency without a filter and leaves out what the reader may not see', async () => {
    const all = (await req('GET', `/api/v1/reporting/activity?${march()}`)).json();
    expect(all.total).toBe(5);
    expect(all.byClass).toContainEqual({ key: '', label: 'Unclassified', count: 1 });
    expect(all.byPriority.map((p: { key: string }) => p.key)).toEqual(['P1', 'P2', 'P3']);

    const amberA = await t.userWithRole('viewer', {
      scope: { tlpCeiling: 'amber', constituencies: [ids.a] },
    });
    const theirs = (
      await req('GET', `/api/v1/reporting/activity?${march()}`, undefined, amberA.headers)
    ).json();
    expect(theirs).toMatchObject({
      total: 3,
      sla: { withTargets: 3, compliant: 1, compliancePercent: 33.3 },
      times: { acknowledgeMedianHours: 2, resolveMedianHours: 20 },
    });
    const onlyB = await t.userWithRole('viewer', { scope: { constituencies: [ids.b] } });
    const denied = await req(
      'GET',
      `/api/v1/reporting/activity?${march(`&constituency=${ids.a}`)}`,
      undefined,
      onlyB.headers,
    );
    expect(denied.statusCode).toBe(404);
    const backwards = await req('GET', '/api/v1/reporting/activity?from=2026-03-31&to=2026-03-01');
    expect(backwards.statusCode).toBe(400);
  });

  it('prints the same figures as HTML and PDF, marked like the strictest incident counted, and audits it', async () => {
    const q = march(`&constituency=${ids.a}`);
    const html = await req('GET', `/api/v1/reporting/activity.html?${q}`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('TLP:RED');
    expect(html.body).toContain('50.0 %');
    const pdf = await req('GET', `/api/v1/reporting/activity.pdf?${q}`);
    expect(pdf.statusCode).toBe(200);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
      mergePages: true,
    });
    expect(text).toContain('TLP:RED');
    expect(text).toContain('Constituency A');
    expect(text).toContain('20.0 h');
    const audit = (await req('GET', '/api/v1/audit?action=reporting.activity_exported')).json().items as {
      action: string;
    }[];
    expect(audit.filter((a) => a.action === 'reporting.activity_exported').length).toBe(2);
  });
});
