import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Dialect, Tx } from '../server/src/platform/db/database.ts';
import type { SearchDocument } from '../server/src/platform/search/search-index.ts';
import { createTestApp, type TestApp } from '../server/src/testing/test-app.ts';
import { prng } from '../server/src/testing/prng.ts';

const INCIDENTS = 100_000;
const CONSTITUENCIES = 200;
let REQUESTS = 40;
const VOCABULARY = 20_000;
const WORDS_PER_DOC = 14;
const TLPS = ['clear', 'green', 'amber', 'amber', 'red'];
const PHASES = ['triage', 'response', 'recovery', 'closed', 'closed', 'closed', 'post_analysis_done'];
const CHUNK = 10_000;
const ROWS_PER_STATEMENT = 500;

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sa',
  'ti',
  'vo',
  'ze',
  'pa',
  'qu',
  'bri',
  'dor',
  'fel',
  'gan',
];
/**
 * Word `k` of the vocabulary (rank 0 is the most frequent): pronounceable, unique, and ending in `x`,
 * which no syllable holds, so no word is a prefix of another (the search prefix-matches every word).
 */
export function word(k: number): string {
  let s = '';
  for (let n = k + SYLLABLES.length; n > 0; n = Math.floor(n / SYLLABLES.length))
    s += SYLLABLES[n % SYLLABLES.length];
  return `${s}x`;
}

/** Text with a Zipf-like word distribution: rank r is drawn with probability ~ 1 / r. */
function textOf(random: () => number, n: number): string {
  return Array.from({ length: n }, () => word(Math.floor(VOCABULARY ** random()) - 1)).join(' ');
}

async function inChunks(
  t: TestApp,
  total: number,
  fill: (from: number, count: number, tx: Tx) => Promise<void>,
) {
  for (let from = 0; from < total; from += CHUNK) {
    const count = Math.min(CHUNK, total - from);
    await t.db.db.transaction().execute(async (tx) => {
      for (let s = 0; s < count; s += ROWS_PER_STATEMENT)
        await fill(from + s, Math.min(ROWS_PER_STATEMENT, count - s), tx);
    });
  }
}

/** 100,000 incidents (most closed: the archive), one note each, and `reports` reports, all indexed. */
export async function seed(t: TestApp, reports: number, incidents = INCIDENTS): Promise<void> {
  const random = prng(7);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const at = new Date().toISOString();
  const { search } = t.runtime;
  await t.db.db
    .insertInto('constituencies')
    .values(
      Array.from({ length: CONSTITUENCIES }, (_, i) => ({
        id: `c${i}`,
        name: `Constituency ${i}`,
        criticality: 'medium',
        description: '',
        version: 1,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  const start = Date.parse('2024-01-01T00:00:00Z');
  const incidentIds: string[] = [];
  await inChunks(t, incidents, async (from, count, tx) => {
    const rows = Array.from({ length: count }, (_, j) => {
      const n = from + j + 1;
      const created = new Date(start + n * 600_000).toISOString();
      const phase = pick(PHASES);
      return {
        id: randomUUID(),
        key: `FB-2024-${String(n).padStart(6, '0')}`,
        title: textOf(random, 5),
        summary: textOf(random, WORDS_PER_DOC),
        phase,
        constituency_id: `c${Math.floor(random() * CONSTITUENCIES)}`,
        tlp: pick(TLPS),
        pap: 'amber',
        closed_at: phase === 'triage' || phase === 'response' || phase === 'recovery' ? null : created,
        created_by: 'bench',
        created_at: created,
        updated_at: created,
        version: 1,
      };
    });
    incidentIds.push(...rows.map((r) => r.id));
    await tx.insertInto('incidents').values(rows).execute();
    const notes = rows.map((r) => ({
      id: randomUUID(),
      incident_id: r.id,
      body: textOf(random, WORDS_PER_DOC * 2),
      tlp: null,
      created_by: 'bench',
      created_at: r.created_at,
      updated_by: 'bench',
      updated_at: r.created_at,
      version: 1,
    }));
    await tx.insertInto('incident_notes').values(notes).execute();
    const docs: SearchDocument[] = [
      ...rows.map((r) => ({ kind: 'incident', refId: r.id, text: `${r.key} ${r.title} ${r.summary}` })),
      ...notes.map((n) => ({ kind: 'note', refId: n.id, text: n.body })),
    ];
    await search.putMany(tx, docs);
  });
  await inChunks(t, reports, async (from, count, tx) => {
    const rows = Array.from({ length: count }, (_, j) => {
      const n = from + j;
      const received = new Date(start + n * 30_000).toISOString();
      const body = `${textOf(random, WORDS_PER_DOC)} from 203.0.113.${n % 250}`;
      return {
        id: randomUUID(),
        channel: 'api',
        reporter_kind: 'tool',
        reporter_name: 'bench-sensor',
        reporter_contact: '',
        reporter_trust: 'unknown',
        received_at: received,
        title: textOf(random, 6),
        body,
        raw: body,
        raw_sha256: '0'.repeat(64),
        tlp: pick(TLPS),
        pap: 'amber',
        status: 'new',
        constituency_id: `c${Math.floor(random() * CONSTITUENCIES)}`,
        source: 'bench',
        seen_count: 1,
        created_by: 'bench',
        created_at: received,
        updated_at: received,
        version: 1,
      };
    });
    await tx.insertInto('reports').values(rows).execute();
    await tx
      .insertInto('report_observables')
      .values(
        rows.map((r, j) => ({
          report_id: r.id,
          type: 'ipv4',
          value: `203.0.113.${(from + j) % 250}`,
          origin: 'extracted',
        })),
      )
      .execute();
    // One report in ten is linked to an incident.
    const links = rows
      .filter((_, j) => (from + j) % 10 === 0)
      .map((r) => ({ incident_id: pick(incidentIds), report_id: r.id, linked_at: r.received_at }));
    if (links.length) await tx.insertInto('incident_reports').values(links).execute();
    await search.putMany(
      tx,
      rows.map((r) => ({ kind: 'report', refId: r.id, text: `${r.title}\n${r.body}` })),
    );
  });
  await sql`ANALYZE`.execute(t.db.db);
}

async function latencies(t: TestApp, urls: string[], headers: Record<string, string>) {
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const url = urls[i % urls.length]!;
    const started = performance.now();
    const res = await t.request({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))]!;
  return { p50: at(0.5), p95: at(0.95) };
}

const line = (label: string, r: { p50: number; p95: number }, base?: { p50: number }) =>
  console.log(
    `${label.padEnd(64)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms` +
      (base ? `  ${(r.p50 / base.p50).toFixed(1).padStart(6)}x baseline` : ''),
  );

/** Indexed documents holding `word` (every document when null), counted as the search matches them. */
async function countDocuments(t: TestApp, dialect: Dialect, word: string | null): Promise<number> {
  const { rows } =
    dialect === 'sqlite'
      ? word === null
        ? await sql<{ n: number }>`SELECT count(*) AS n FROM search_rowids`.execute(t.db.db)
        : await sql<{
            n: number;
          }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${`"${word}"*`}`.execute(t.db.db)
      : word === null
        ? await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents`.execute(t.db.db)
        : await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents
            WHERE tsv @@ to_tsquery('simple', ${`${word}:*`})`.execute(t.db.db);
  return Number(rows[0]?.n ?? 0);
}

/** Search p50/p95 over `reports` reports and 100,000 incidents (with a note each), per dialect. */
export async function benchSearch(dialects: Dialect[], reports: number, requests = 40): Promise<void> {
  REQUESTS = requests;
  console.log(
    `\n## Unified search: ${reports.toLocaleString('en')} reports, ${INCIDENTS.toLocaleString('en')} incidents + notes, ${REQUESTS} requests each`,
  );
  // Words by frequency rank; the share of documents holding each group is printed from the seeded data.
  const groups = {
    rare: [12_000, 13_500, 15_000, 17_000].map(word),
    medium: [90, 110, 130, 150].map(word),
    common: [18, 20, 22, 24].map(word),
    everywhere: [0, 1, 2, 3].map(word),
  };
  const { medium, common, everywhere } = groups;
  const q = (words: string[], extra = '') => words.map((w) => `/api/v1/search?q=${w}${extra}`);
  for (const dialect of dialects) {
    const t = await createTestApp(dialect);
    try {
      const seeding = performance.now();
      await seed(t, reports);
      console.log(`[${dialect}] seeded in ${Math.round((performance.now() - seeding) / 1000)} s`);
      const documents = await countDocuments(t, dialect, null);
      for (const [name, words] of Object.entries(groups)) {
        const shares = await Promise.all(words.map((w) => countDocuments(t, dialect, w)));
        const pct = shares.map((n) => `${((100 * n) / documents).toFixed(3)}%`).join(', ');
        console.log(`[${dialect}] ${name} words ${words.join(', ')}: in ${pct} of ${documents} documents`);
      }
      const admin = await t.login();
      const scoped = await t.userWithRole('handler', {
        scope: { constituencies: ['c1', 'c2', 'c3', 'c4', 'c5'], tlpCeiling: 'amber' },
      });
      const base = await latencies(t, ['/api/v1/incidents/FB-2024-000042'], admin);
      line(`[${dialect}] baseline: one incident by key (primary-key read)`, base);
      const scenarios: [string, string[], Record<string, string>][] = [
        ['rare word, all kinds, unrestricted', q(groups.rare), admin],
        ['medium word, all kinds', q(medium), admin],
        ['common word, all kinds', q(common), admin],
        ['word in most documents, all kinds', q(everywhere), admin],
        [
          'two words (common + medium), all kinds',
          medium.map((m, i) => `/api/v1/search?q=${common[i]}+${m}`),
          admin,
        ],
        ['medium word, scoped handler (5 of 200 constituencies)', q(medium), scoped.headers],
        ['word in most documents, scoped handler', q(everywhere), scoped.headers],
        [
          'medium word, reports and incidents, phase=closed',
          q(medium, '&kinds=report,incident&phase=closed'),
          admin,
        ],
        ['common word, reports, third page (offset 40)', q(common, '&kinds=report&offset=40'), admin],
      ];
      for (const [label, urls, headers] of scenarios)
        line(`[${dialect}] ${label}`, await latencies(t, urls, headers), base);
      line(
        `[${dialect}] observable 203.0.113.x (reports carry it ~1/250)`,
        await latencies(
          t,
          ['7', '42', '99', '200'].map((n) => `/api/v1/search?q=203.0.113.${n}&kinds=observable`),
          admin,
        ),
        base,
      );
    } finally {
      await t.close();
    }
  }
}
