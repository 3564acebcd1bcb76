import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Dialect } from '../server/src/platform/db/database.ts';
import { refreshIncidentFacts } from '../server/src/features/incidents/index.ts';
import { prng } from '../server/src/testing/prng.ts';
import { createTestApp, type TestApp } from '../server/src/testing/test-app.ts';

const INCIDENTS = 100_000;
const CONSTITUENCIES = 200;
const HANDLERS = 40;
const REQUESTS = 5;
const STEP_MS = 600_000;
const PHASES = ['triage', 'response', 'eradication', 'recovery', 'closed', 'closed', 'post_analysis_done'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', null];
const TLPS = ['clear', 'green', 'amber', 'amber', 'red'];
const TYPES = ['fraud/phishing', 'malicious-code/infected-system', 'intrusions/application-compromise'];

/** 100,000 incidents ending now (one every ten minutes), with classes, leads, SLA clocks and reopenings. */
async function seed(t: TestApp): Promise<void> {
  const { db } = t.db;
  const random = prng(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const iso = (ms: number) => new Date(ms).toISOString();
  const now = Date.now();
  await db
    .insertInto('constituencies')
    .values(
      Array.from({ length: CONSTITUENCIES }, (_, i) => ({
        id: `c${i}`,
        name: `Constituency ${i}`,
        criticality: 'medium',
        description: '',
        version: 1,
        created_at: iso(now),
        updated_at: iso(now),
      })),
    )
    .execute();
  // Straight into the table: signing 40 users in would hit the login rate limit.
  const handlers = Array.from({ length: HANDLERS }, (_, i) => `bench-h${i}`);
  await db
    .insertInto('users')
    .values(
      handlers.map((id) => ({
        id,
        email: `${id}@example.test`,
        name: id,
        role: 'handler',
        password_hash: '!',
        scope_constituencies: null,
        tlp_ceiling: 'red',
        disabled_at: null,
        created_at: iso(now),
        updated_at: iso(now),
        available: 1,
        specialisations: '[]',
      })),
    )
    .execute();
  const start = now - INCIDENTS * STEP_MS;
  for (let from = 0; from < INCIDENTS; from += 500) {
    const incidents = [];
    const classes = [];
    const leads = [];
    const timeline = [];
    for (let n = from; n < from + 500; n++) {
      const created = start + n * STEP_MS;
      const phase = pick(PHASES);
      const closed = phase === 'closed' || phase === 'post_analysis_done';
      const id = randomUUID();
      incidents.push({
        id,
        key: `FB-2026-${String(n).padStart(6, '0')}`,
        title: `Incident ${n}`,
        summary: '',
        phase,
        priority: pick(PRIORITIES),
        constituency_id: `c${Math.floor(random() * CONSTITUENCIES)}`,
        tlp: pick(TLPS),
        pap: 'amber',
        closed_at: closed ? iso(created + random() * 5 * 86_400_000) : null,
        response_due_at: iso(created + 3_600_000),
        resolution_due_at: iso(created + 86_400_000),
        responded_at: random() < 0.8 ? iso(created + random() * 7_200_000) : null,
        verified_at: random() < 0.7 ? iso(created + random() * 3_600_000) : null,
        created_by: 'bench',
        created_at: iso(created),
        updated_at: iso(created),
        version: 1,
      });
      classes.push({
        id: `${id}-c`,
        incident_id: id,
        stage: 'triage',
        type_id: pick(TYPES),
        note: '',
        actor: 'bench',
        at: iso(created),
      });
      if (random() < 0.9)
        leads.push({
          incident_id: id,
          user_id: pick(handlers),
          role: 'lead' as const,
          assigned_by: 'bench',
          assigned_at: iso(created),
        });
      const change =
        random() < 0.05 ? { before: 'closed', after: 'response' } : { before: 'triage', after: 'response' };
      timeline.push({
        id: `${id}-t`,
        incident_id: id,
        at: iso(created),
        actor: 'bench',
        kind: 'phase_changed',
        text: '',
        change: JSON.stringify(change),
        event_time: null,
        discovery_time: null,
      });
    }
    await db.insertInto('incidents').values(incidents).execute();
    await db.insertInto('incident_classifications').values(classes).execute();
    await db.insertInto('incident_assignees').values(leads).execute();
    await db.insertInto('incident_timeline').values(timeline).execute();
  }
  // Rows written straight to the tables: the kept facts are computed as the migration's backfill does.
  await refreshIncidentFacts(db);
  await sql`ANALYZE`.execute(db);
}

async function timed(t: TestApp, url: string, headers: Record<string, string>) {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const res = await t.request({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, max: ms[ms.length - 1]! };
}

const row = (label: string, r: { p50: number; max: number }, base?: { p50: number }) =>
  console.log(
    `${label.padEnd(58)} p50 ${r.p50.toFixed(1).padStart(8)} ms  max ${r.max.toFixed(1).padStart(8)} ms` +
      (base ? `  ${(r.p50 / base.p50).toFixed(1).padStart(7)}x baseline` : ''),
  );

/** Dashboard aggregation over 100,000 incidents, against one bare group-by scan of them in the same run. */
export async function benchDashboards(dialects: Dialect[]): Promise<void> {
  console.log(
    `\n## Quality dashboards: ${INCIDENTS.toLocaleString('en')} incidents, ${REQUESTS} requests each`,
  );
  for (const dialect of dialects) {
    const t = await createTestApp(dialect);
    try {
      const seeding = performance.now();
      await seed(t);
      console.log(`[${dialect}] seeded in ${Math.round(performance.now() - seeding)} ms`);
      const admin = await t.login();
      const scoped = await t.userWithRole('handler', {
        scope: { constituencies: ['c1', 'c2', 'c3', 'c4', 'c5'], tlpCeiling: 'amber' },
      });
      // Two floors: the cheapest authenticated request, and one bare group-by scan of every incident.
      row(`[${dialect}] floor: GET /api/v1/me`, await timed(t, '/api/v1/me', admin));
      const scan: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const started = performance.now();
        await t.db.db
          .selectFrom('incidents')
          .select(['phase', (eb) => eb.fn.countAll().as('n')])
          .groupBy('phase')
          .execute();
        scan.push(performance.now() - started);
      }
      scan.sort((a, b) => a - b);
      const base = { p50: scan[Math.floor(REQUESTS / 2)]!, max: scan[REQUESTS - 1]! };
      row(`[${dialect}] baseline: SQL count by phase over all incidents`, base);
      const q = '/api/v1/dashboards/quality';
      const all = `from=${new Date(Date.now() - 800 * 86_400_000).toISOString()}`;
      row(`[${dialect}] dashboard, 30 days (~4,300 incidents)`, await timed(t, q, admin), base);
      row(`[${dialect}] dashboard, all 100,000 incidents`, await timed(t, `${q}?${all}`, admin), base);
      row(
        `[${dialect}] dashboard, all, class filter`,
        await timed(t, `${q}?${all}&class=fraud`, admin),
        base,
      );
      row(
        `[${dialect}] dashboard, all, handler in 5 constituencies`,
        await timed(t, `${q}?${all}`, scoped.headers),
        base,
      );
      row(
        `[${dialect}] CSV of durations, all`,
        await timed(t, `${q}.csv?figure=durations&${all}`, admin),
        base,
      );
      row(`[${dialect}] /metrics scrape (30 days, overall)`, await timed(t, '/metrics', {}), base);
    } finally {
      await t.close();
    }
  }
}
