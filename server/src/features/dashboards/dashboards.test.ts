import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { refreshIncidentFacts } from '../incidents/index.ts';
import { prng } from '../../testing/prng.ts';

const NOW = new Date('2026-03-31T12:00:00.000Z');
const FROM = '2026-03-01T00:00:00.000Z';
const TO = '2026-03-31T00:00:00.000Z';
const MIN = 60_000;
const TYPES = ['fraud/phishing', 'malicious-code/infected-system', 'fraud/phishing'];
const PHASES = ['triage', 'response', 'eradication', 'recovery', 'closed', 'post_analysis_done'];
const OPEN = PHASES.slice(0, 4);
const TLPS = ['green', 'amber', 'red'] as const;
const TLP_RANK = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };
const REOPEN = JSON.stringify({ before: 'closed', after: 'response' });

interface Seeded {
  id: string;
  constituency: string | null;
  tlp: (typeof TLPS)[number];
  phase: string;
  priority: string | null;
  created: number;
  verified: number | null;
  responded: number | null;
  closed: number | null;
  responseDue: number | null;
  resolutionDue: number | null;
  classes: { at: number; cls: string }[];
  lead: string | null;
  reopened: boolean;
  merged: boolean;
}

describeEachDialect('quality dashboards', (dialect) => {
  let t: TestApp;
  let admin: Record<string, string>;
  const seeded: Seeded[] = [];
  let hospital: string;
  let school: string;
  let handlers: { id: string; name: string }[];
  let restricted: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { now: () => NOW });
    admin = await t.login();
    const make = async (name: string) =>
      (
        await t.request({
          method: 'POST',
          url: '/api/v1/constituencies',
          headers: admin,
          payload: { name, criticality: 'high' },
        })
      ).json<{ id: string }>().id;
    hospital = await make('City Hospital');
    school = await make('=HYPERLINK("http://evil.example")');
    const h1 = await t.userWithRole('handler', { name: 'Ada' });
    const h2 = await t.userWithRole('lead', { name: 'Grace' });
    handlers = [
      { id: h1.id, name: 'Ada' },
      { id: h2.id, name: 'Grace' },
    ];
    restricted = (
      await t.userWithRole('handler', { scope: { constituencies: [hospital], tlpCeiling: 'amber' } })
    ).headers;
    await seed(prng(dialect === 'sqlite' ? 7 : 11));
  });
  afterAll(() => t.close());

  async function seed(rand: () => number) {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const db = t.db.db;
    const at = (ms: number) => new Date(ms).toISOString();
    for (let i = 0; i < 80; i++) {
      // Opened between 50 days before the period end and now, on whole minutes.
      const created = NOW.getTime() - Math.floor(rand() * 50 * 24 * 60) * MIN;
      const phase = pick(PHASES);
      const closed = OPEN.includes(phase) ? null : created + Math.floor(rand() * 9000) * MIN;
      const priority = pick(['P1', 'P2', 'P3', 'P4', null]);
      const s: Seeded = {
        id: `inc-${i}`,
        constituency: pick([hospital, school, null]),
        tlp: pick(TLPS),
        phase,
        priority,
        created,
        verified: rand() < 0.7 ? created + Math.floor(rand() * 600) * MIN : null,
        responded: phase !== 'triage' || rand() < 0.3 ? created + Math.floor(rand() * 300) * MIN : null,
        closed,
        responseDue: priority ? created + 120 * MIN : null,
        resolutionDue: priority ? created + 4000 * MIN : null,
        classes: Array.from({ length: Math.floor(rand() * 3) }, (_, k) => ({
          at: created + (k + 1) * MIN,
          cls: pick(TYPES),
        })),
        lead: rand() < 0.8 ? pick(handlers).id : null,
        reopened: rand() < 0.2,
        merged: i === 5,
      };
      seeded.push(s);
      await db
        .insertInto('incidents')
        .values({
          id: s.id,
          key: `FB-2026-${String(i).padStart(5, '0')}`,
          title: `Incident ${i}`,
          summary: '',
          phase: s.phase,
          priority: s.priority,
          constituency_id: s.constituency,
          tlp: s.tlp,
          pap: 'green',
          closed_at: s.closed === null ? null : at(s.closed),
          response_due_at: s.responseDue === null ? null : at(s.responseDue),
          resolution_due_at: s.resolutionDue === null ? null : at(s.resolutionDue),
          responded_at: s.responded === null ? null : at(s.responded),
          verified_at: s.verified === null ? null : at(s.verified),
          merged_into_id: s.merged ? 'inc-0' : null,
          created_by: 'seed',
          created_at: at(s.created),
          updated_at: at(s.created),
          version: 1,
        })
        .execute();
      for (const [k, c] of s.classes.entries())
        await db
          .insertInto('incident_classifications')
          .values({
            id: `${s.id}-c${k}`,
            incident_id: s.id,
            stage: 'triage',
            type_id: c.cls,
            note: '',
            actor: 'seed',
            at: at(c.at),
          })
          .execute();
      if (s.lead)
        await db
          .insertInto('incident_assignees')
          .values({
            incident_id: s.id,
            user_id: s.lead,
            role: 'lead',
            assigned_by: 'seed',
            assigned_at: at(s.created),
          })
          .execute();
      // A reopening, and a plain phase change that must not count as one.
      await db
        .insertInto('incident_timeline')
        .values([
          {
            id: `${s.id}-t1`,
            incident_id: s.id,
            at: at(s.created),
            actor: 'seed',
            kind: 'phase_changed',
            text: '',
            change: JSON.stringify({ before: 'triage', after: 'response' }),
            event_time: null,
            discovery_time: null,
          },
          ...(s.reopened
            ? [
                {
                  id: `${s.id}-t2`,
                  incident_id: s.id,
                  at: at(s.created + MIN),
                  actor: 'seed',
                  kind: 'phase_changed',
                  text: '',
                  change: REOPEN,
                  event_time: null,
                  discovery_time: null,
                },
              ]
            : []),
        ])
        .execute();
    }
    // Written straight to the tables: compute the kept facts as the migration's backfill does.
    await refreshIncidentFacts(db);
  }

  /** The answers, computed here from the seeded rows with the documented definitions. */
  function expected(
    scope: { constituencies: string[] | null; ceiling: keyof typeof TLP_RANK },
    filter: { constituency?: string; cls?: string } = {},
  ) {
    const from = Date.parse(FROM);
    const to = Date.parse(TO);
    const now = NOW.getTime();
    const classOf = (s: Seeded) => [...s.classes].sort((a, b) => b.at - a.at)[0]?.cls.split('/')[0] ?? null;
    const all = seeded.filter(
      (s) =>
        !s.merged &&
        TLP_RANK[s.tlp] <= TLP_RANK[scope.ceiling] &&
        (scope.constituencies === null ||
          (s.constituency !== null && scope.constituencies.includes(s.constituency))) &&
        (!filter.constituency || s.constituency === filter.constituency) &&
        (!filter.cls || classOf(s) === filter.cls),
    );
    const cohort = all.filter((s) => s.created >= from && s.created < to);
    const open = all.filter((s) => OPEN.includes(s.phase));
    const counts = new Map<string, number>();
    for (const s of open)
      counts.set(
        `${s.priority ?? 'none'}|${s.phase}`,
        (counts.get(`${s.priority ?? 'none'}|${s.phase}`) ?? 0) + 1,
      );
    const day = 86_400_000;
    const age = (s: Seeded) => now - s.created;
    const backlog = {
      '<1d': open.filter((s) => age(s) < day).length,
      '1-7d': open.filter((s) => age(s) >= day && age(s) < 7 * day).length,
      '7-30d': open.filter((s) => age(s) >= 7 * day && age(s) < 30 * day).length,
      '30-90d': open.filter((s) => age(s) >= 30 * day && age(s) < 90 * day).length,
      '>=90d': open.filter((s) => age(s) >= 90 * day).length,
    };
    const sla = (['response', 'resolution'] as const).map((clock) => {
      const due = (s: Seeded) => (clock === 'response' ? s.responseDue : s.resolutionDue);
      const done = (s: Seeded) => (clock === 'response' ? s.responded : s.closed);
      const has = cohort.filter((s) => due(s) !== null);
      const met = has.filter((s) => done(s) !== null && done(s)! <= due(s)!).length;
      const breached = has.filter((s) => (done(s) !== null ? done(s)! > due(s)! : due(s)! <= now)).length;
      return {
        clock,
        total: has.length,
        met,
        breached,
        pending: has.filter((s) => done(s) === null && due(s)! > now).length,
        breachedOpen: has.filter((s) => done(s) === null && due(s)! <= now && OPEN.includes(s.phase)).length,
        compliance: met + breached ? met / (met + breached) : null,
      };
    });
    const durations = new Map<string, { count: number; median: number; p90: number }>();
    const rank = (sorted: number[], p: number) => sorted[Math.ceil((sorted.length * p) / 100) - 1]!;
    const measures = {
      triage: (s: Seeded) => s.verified,
      acknowledge: (s: Seeded) => s.responded,
      resolve: (s: Seeded) => s.closed,
    };
    const groupings = {
      all: () => '',
      class: (s: Seeded) => classOf(s) ?? '',
      constituency: (s: Seeded) => s.constituency ?? '',
      handler: (s: Seeded) => s.lead ?? '',
    };
    for (const [m, end] of Object.entries(measures))
      for (const [by, group] of Object.entries(groupings)) {
        const buckets = new Map<string, number[]>();
        for (const s of cohort) {
          if (end(s) === null) continue;
          buckets.set(group(s), [...(buckets.get(group(s)) ?? []), (end(s)! - s.created) / 1000]);
        }
        for (const [g, xs] of buckets) {
          xs.sort((a, b) => a - b);
          durations.set(`${m}/${by}/${g}`, { count: xs.length, median: rank(xs, 50), p90: rank(xs, 90) });
        }
      }
    const everClosed = cohort.filter((s) => s.reopened || s.closed !== null);
    const closedIn = all.filter((s) => s.closed !== null && s.closed >= from && s.closed < to);
    return {
      open: [...counts].map(([k, count]) => ({ priority: k.split('|')[0]!, phase: k.split('|')[1]!, count })),
      backlog,
      sla,
      durations,
      reopen: { closed: everClosed.length, reopened: everClosed.filter((s) => s.reopened).length },
      lessons: {
        closed: closedIn.length,
        withoutLessons: closedIn.filter((s) => s.phase === 'closed').length,
      },
    };
  }

  async function dashboard(headers: Record<string, string>, extra = '') {
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/dashboards/quality?from=${FROM}&to=${TO}${extra}`,
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  function compare(actual: any, want: ReturnType<typeof expected>) {
    const byKey = (xs: { priority: string; phase: string }[]) =>
      [...xs].sort((a, b) => `${a.priority}${a.phase}`.localeCompare(`${b.priority}${b.phase}`));
    expect(byKey(actual.open)).toEqual(byKey(want.open));
    expect(Object.fromEntries(actual.backlog.map((b: any) => [b.bucket, b.count]))).toEqual(want.backlog);
    expect(actual.sla).toEqual(want.sla);
    const got = new Map<string, unknown>(
      actual.durations.map((d: any) => [
        `${d.measure}/${d.by}/${d.group}`,
        { count: d.count, median: d.medianSeconds, p90: d.p90Seconds },
      ]),
    );
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want.durations));
    expect(actual.reopen).toMatchObject(want.reopen);
    expect(actual.lessons).toMatchObject(want.lessons);
  }

  it('matches figures computed independently from the seeded incidents', async () => {
    const want = expected({ constituencies: null, ceiling: 'red' });
    // The data set exercises every figure, so a figure stuck at zero would fail.
    expect(want.reopen.reopened).toBeGreaterThan(0);
    expect(want.lessons.withoutLessons).toBeGreaterThan(0);
    expect(want.sla[0]!.met * want.sla[0]!.breached).toBeGreaterThan(0);
    const actual = await dashboard(admin);
    compare(actual, want);
    const lead = actual.durations.find((d: any) => d.by === 'handler' && d.group === handlers[1]!.id);
    expect(lead.label).toBe('Grace');
  });

  it('filters by constituency and class', async () => {
    compare(
      await dashboard(admin, `&constituencyId=${hospital}`),
      expected({ constituencies: null, ceiling: 'red' }, { constituency: hospital }),
    );
    compare(
      await dashboard(admin, '&class=fraud'),
      expected({ constituencies: null, ceiling: 'red' }, { cls: 'fraud' }),
    );
  });

  it("keeps to the user's constituencies and TLP ceiling", async () => {
    const actual = await dashboard(restricted);
    const want = expected({ constituencies: [hospital], ceiling: 'amber' });
    const everything = expected({ constituencies: null, ceiling: 'red' });
    // Some but not all: the scope cuts the figures down without emptying them.
    expect(want.durations.size).toBeGreaterThan(0);
    expect(want.sla[1]!.total).toBeGreaterThan(0);
    expect(want.sla[1]!.total).toBeLessThan(everything.sla[1]!.total);
    compare(actual, want);
    expect(actual.durations.some((d: any) => d.group === school)).toBe(false);
  });

  it('exports a figure as CSV with formula cells defused', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/v1/dashboards/quality.csv?figure=durations&from=${FROM}&to=${TO}`,
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('firebreak-durations-2026-03-01-2026-03-31.csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('measure,by,group,label,count,median_seconds,p90_seconds');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(res.body).not.toMatch(/,"?=HYPERLINK/);
    const sla = await t.request({
      method: 'GET',
      url: `/api/v1/dashboards/quality.csv?figure=sla&from=${FROM}&to=${TO}`,
      headers: admin,
    });
    const want = expected({ constituencies: null, ceiling: 'red' }).sla[1]!;
    expect(sla.body.split('\r\n')[2]).toBe(
      `resolution,${want.total},${want.met},${want.breached},${want.pending},${want.breachedOpen},${want.compliance}`,
    );
  });

  it('rejects a reversed period and viewers', async () => {
    const bad = await t.request({
      method: 'GET',
      url: `/api/v1/dashboards/quality?from=${TO}&to=${FROM}`,
      headers: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('dashboard_period_invalid');
    const viewer = await t.userWithRole('viewer');
    expect(
      (await t.request({ method: 'GET', url: '/api/v1/dashboards/quality', headers: viewer.headers }))
        .statusCode,
    ).toBe(403);
  });

  it('exposes the figures as Prometheus gauges on /metrics', async () => {
    const res = await t.request({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    const want = expected({ constituencies: null, ceiling: 'red' });
    for (const o of want.open)
      expect(res.body).toContain(
        `firebreak_incidents_open{priority="${o.priority}",phase="${o.phase}"} ${o.count}\n`,
      );
    for (const [age, n] of Object.entries(want.backlog))
      expect(res.body).toContain(`firebreak_incidents_backlog{age="${age}"} ${n}\n`);
    expect(res.body).toMatch(/firebreak_sla_compliance_ratio\{clock="response"\} [\d.]+\n/);
    expect(res.body).toMatch(/firebreak_incident_duration_seconds\{measure="resolve",quantile="0.9"\} \d+\n/);
    expect(res.body).toMatch(/firebreak_incidents_closed_without_lessons \d+\n/);
  });
});
