import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const OPEN = ['triage', 'response', 'eradication', 'recovery'];
const CLOSED = ['closed', 'post_analysis_done'];

/**
 * The class, handler and reopenings the dashboards group by are kept on the incident row by the
 * incidents feature. Here they change through the API (reclassification, reassignment, reopening,
 * merge) and the dashboard is compared with the same facts derived here from the source rows.
 */
describeEachDialect('quality dashboard facts', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let ada: string;
  let grace: string;
  const from = new Date(Date.now() - 3_600_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    ada = (await t.userWithRole('handler', { name: 'Ada' })).id;
    grace = (await t.userWithRole('lead', { name: 'Grace' })).id;
  });
  afterAll(() => t.close());

  async function req(method: 'GET' | 'POST', url: string, payload?: object) {
    const res = await t.request({ method, url, headers: admin, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  }
  const open = async (title: string): Promise<string> =>
    (await req('POST', '/api/v1/incidents', { title, tlp: 'green' })).key;
  const version = async (key: string): Promise<number> =>
    (await req('GET', `/api/v1/incidents/${key}`)).version;
  const classify = async (key: string, stage: string, typeId: string) =>
    req('POST', `/api/v1/incidents/${key}/classification`, { version: await version(key), stage, typeId });
  const assign = async (key: string, leadId: string | null, handlerIds: string[] = []) =>
    req('POST', `/api/v1/incidents/${key}/assignment`, { version: await version(key), leadId, handlerIds });
  const move = async (key: string, to: string, extra: object = {}) =>
    req('POST', `/api/v1/incidents/${key}/transition`, { version: await version(key), to, ...extra });
  const close = (key: string) =>
    move(key, 'closed', {
      closure: {
        outcome: 'resolved',
        summary: 'Done',
        finalTypeId: 'intrusions/application-compromise',
        openItemsReason: 'Test',
      },
    });
  const reopen = (key: string) => move(key, 'response', { reason: 'It came back' });

  /** Class, handler and reopened of every incident, from classifications, assignees and timeline. */
  async function derived() {
    const db = t.db.db;
    const types = new Map(
      (await db.selectFrom('taxonomy_types').select(['id', 'class']).execute()).map((r) => [r.id, r.class]),
    );
    const classifications = await db.selectFrom('incident_classifications').selectAll().execute();
    const assignees = await db.selectFrom('incident_assignees').selectAll().execute();
    const timeline = await db
      .selectFrom('incident_timeline')
      .selectAll()
      .where('kind', '=', 'phase_changed')
      .execute();
    const incidents = await db.selectFrom('incidents').selectAll().execute();
    return incidents.map((i) => {
      const latest = classifications
        .filter((c) => c.incident_id === i.id)
        .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))[0];
      const people = assignees
        .filter((a) => a.incident_id === i.id)
        .sort(
          (a, b) =>
            Number(a.role !== 'lead') - Number(b.role !== 'lead') ||
            a.assigned_at.localeCompare(b.assigned_at) ||
            (a.user_id < b.user_id ? -1 : 1),
        );
      const reopened = timeline.some((e) => {
        if (e.incident_id !== i.id || !e.change) return false;
        const { before, after } = JSON.parse(e.change) as { before: string; after: string };
        return CLOSED.includes(before) && OPEN.includes(after);
      });
      return {
        row: i,
        cls: latest ? (types.get(latest.type_id) ?? null) : null,
        handler: people[0]?.user_id ?? null,
        reopened,
      };
    });
  }

  it('keeps class, handler and reopenings right through reclassification, reassignment, reopening and merge', async () => {
    const a = await open('Reclassified and reassigned');
    await classify(a, 'initial', 'fraud/phishing');
    await assign(a, ada);
    await classify(a, 'resolution', 'malicious-code/infected-system');
    await assign(a, grace, [ada]);
    await assign(a, null, [ada, grace]);

    const b = await open('Closed and reopened');
    await classify(b, 'initial', 'fraud/phishing');
    await assign(b, ada);
    await move(b, 'response');
    await close(b);
    await reopen(b);

    const c = await open('Reopened, then merged away');
    await classify(c, 'initial', 'malicious-code/infected-system');
    await assign(c, grace);
    await close(c);
    await reopen(c);
    const d = await open('Survivor without people of its own');
    await req('POST', `/api/v1/incidents/${d}/merge`, {
      version: await version(d),
      sources: [{ key: c, version: await version(c) }],
    });

    const facts = await derived();
    for (const f of facts)
      expect(
        { cls: f.row.current_class, handler: f.row.current_handler_id, reopened: f.row.reopen_count! > 0 },
        f.row.key,
      ).toEqual({ cls: f.cls, handler: f.handler, reopened: f.reopened });
    const of = (key: string) => facts.find((f) => f.row.key === key)!;
    // The changes above did reach the facts (else the comparison would hold for empty ones too).
    // Two handlers assigned at once and no lead: the tie goes to the smaller user id.
    expect(of(a)).toMatchObject({ cls: 'malicious-code', handler: [ada, grace].sort()[0], reopened: false });
    expect(of(b)).toMatchObject({ cls: 'intrusions', handler: ada, reopened: true });
    expect(of(d)).toMatchObject({ cls: null, handler: grace, reopened: true });
    expect(of(c).reopened).toBe(false);

    const dashboard = await req('GET', `/api/v1/dashboards/quality?from=${from}`);
    const live = facts.filter((f) => !f.row.merged_into_id);
    expect(dashboard.reopen).toMatchObject({
      closed: live.filter((f) => f.reopened || f.row.closed_at).length,
      reopened: live.filter((f) => f.reopened).length,
    });
    const counts = (by: 'cls' | 'handler') => {
      const n = new Map<string, number>();
      for (const f of live.filter((f) => f.row.responded_at))
        n.set(f[by] ?? '', (n.get(f[by] ?? '') ?? 0) + 1);
      return Object.fromEntries(n);
    };
    const shown = (by: string) =>
      Object.fromEntries(
        dashboard.durations
          .filter((x: any) => x.measure === 'acknowledge' && x.by === by)
          .map((x: any) => [x.group, x.count]),
      );
    expect(shown('class')).toEqual(counts('cls'));
    expect(shown('handler')).toEqual(counts('handler'));

    const fraud = await req('GET', `/api/v1/dashboards/quality?from=${from}&class=malicious-code`);
    expect(fraud.reopen.closed).toBe(
      live.filter((f) => f.cls === 'malicious-code' && (f.reopened || f.row.closed_at)).length,
    );
    expect(fraud.durations.find((x: any) => x.measure === 'acknowledge' && x.by === 'all')?.count).toBe(
      counts('cls')['malicious-code'],
    );
  });
});
