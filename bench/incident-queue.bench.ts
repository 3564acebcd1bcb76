import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Dialect } from '../server/src/platform/db/database.ts';
import { createTestApp, type TestApp } from '../server/src/testing/test-app.ts';
import { prng } from '../server/src/testing/prng.ts';

const INCIDENTS = 100_000;
const CONSTITUENCIES = 200;
const REQUESTS = 200;
const PHASES = ['triage', 'response', 'eradication', 'recovery', 'closed', 'closed', 'closed', 'closed'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', null];
const TLPS = ['clear', 'green', 'amber', 'amber', 'red'];

/** 100,000 incidents over two years: half closed, the open ones spread over priorities and SLA clocks. */
async function seed(t: TestApp): Promise<void> {
  const { db } = t.db;
  const random = prng(11);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const at = new Date().toISOString();
  await db
    .insertInto('constituencies')
    .values(
      Array.from({ length: CONSTITUENCIES }, (_, i) => ({
        id: `c${i}`,
        name: `Constituency ${i}`,
        criticality: pick(['critical', 'high', 'medium', 'low']),
        description: '',
        version: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  const start = Date.parse('2025-01-01T00:00:00Z');
  for (let from = 0; from < INCIDENTS; from += 1000) {
    const rows = Array.from({ length: 1000 }, (_, j) => {
      const n = from + j + 1;
      const created = new Date(start + n * 600_000);
      const phase = pick(PHASES);
      const closed = phase === 'closed';
      return {
        id: randomUUID(),
        key: `FB-${created.getUTCFullYear()}-${String(n).padStart(6, '0')}`,
        title: `Incident ${n}`,
        summary: '',
        phase,
        severity: 'medium',
        priority: pick(PRIORITIES),
        constituency_id: `c${Math.floor(random() * CONSTITUENCIES)}`,
        tlp: pick(TLPS),
        pap: 'amber',
        outcome: closed ? 'resolved' : null,
        closed_at: closed ? created.toISOString() : null,
        response_due_at: new Date(created.getTime() + 3_600_000).toISOString(),
        resolution_due_at: new Date(created.getTime() + 86_400_000).toISOString(),
        responded_at: random() < 0.5 ? created.toISOString() : null,
        created_by: 'bench',
        created_at: created.toISOString(),
        updated_at: created.toISOString(),
        version: 1,
      };
    });
    await db.insertInto('incidents').values(rows).execute();
  }
  // Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) keep them in use.
  await sql`ANALYZE`.execute(db);
}

async function latencies(t: TestApp, url: string, headers: Record<string, string>) {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const res = await t.request({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

const row = (label: string, r: { p50: number; p95: number }, base?: { p50: number }) =>
  console.log(
    `${label.padEnd(58)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms` +
      (base ? `  ${(r.p50 / base.p50).toFixed(2).padStart(6)}x baseline` : ''),
  );

export async function benchIncidentQueue(dialects: Dialect[]): Promise<void> {
  console.log(`\n## Triage queue: ${INCIDENTS.toLocaleString('en')} incidents, first page of 50`);
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
      // The floor: one incident by its key, the cheapest read the API has.
      const res = await t.request({ method: 'GET', url: '/api/v1/incidents?limit=1', headers: admin });
      const one = res.json<{ items: { key: string }[] }>();
      const base = await latencies(t, `/api/v1/incidents/${one.items[0]!.key}`, admin);
      row(`[${dialect}] baseline: one incident by key`, base);
      row(
        `[${dialect}] queue, unrestricted lead`,
        await latencies(t, '/api/v1/incidents?sort=queue&open=true&limit=50', admin),
        base,
      );
      row(
        `[${dialect}] queue, handler scoped to 5 constituencies`,
        await latencies(t, '/api/v1/incidents?sort=queue&open=true&limit=50', scoped.headers),
        base,
      );
      row(
        `[${dialect}] newest first, unrestricted`,
        await latencies(t, '/api/v1/incidents?limit=50', admin),
        base,
      );
    } finally {
      await t.close();
    }
  }
}
