import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { insertInboundMail } from '../../testing/fixtures.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createSearchStore } from './search.store.ts';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH';
interface Hit {
  kind: string;
  id: string;
  incidentKey: string | null;
  reportId: string | null;
  snippet: string;
  highlights: { start: number; end: number }[];
  tlp: string;
  phase: string | null;
}

describeEachDialect('unified search and the archive', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  let hospital: string;
  let school: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    const constituency = async (name: string) =>
      (await req('POST', '/api/v1/constituencies', { name, criticality: 'high' })).json().id as string;
    hospital = await constituency('Hospital');
    school = await constituency('School');
  });
  afterEach(() => t.close());

  const req = (method: Method, url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const open = async (title: string, constituencyId: string, tlp = 'amber') =>
    (await req('POST', '/api/v1/incidents', { title, constituencyId, tlp })).json().key as string;
  const note = (key: string, body: string, tlp: string | null = null) =>
    req('POST', `/api/v1/incidents/${key}/notes`, { body, tlp });
  const close = async (key: string) => {
    const version = (await req('GET', `/api/v1/incidents/${key}`)).json().version;
    const res = await req('POST', `/api/v1/incidents/${key}/transition`, {
      version,
      to: 'closed',
      closure: { outcome: 'resolved', summary: 'Done', finalTypeId: 'malicious-code/infected-system' },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const search = async (query: string, headers = admin) => {
    const res = await req('GET', `/api/v1/search?${query}`, undefined, headers);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ observable: { type: string; value: string } | null; items: Hit[]; more: string[] }>();
  };

  it('finds a word that only a note of an archived incident holds, highlighted, and filters by phase', async () => {
    const archived = await open('Ransomware at the ward', hospital);
    const other = await open('Unrelated phishing', hospital);
    await note(archived, 'Lateral movement through the **zanzibarite** jump host, then encryption.');
    await note(other, 'Nothing of interest here.');
    await close(archived);

    const { items } = await search('q=zanzibar');
    expect(items).toHaveLength(1);
    const [hit] = items;
    expect(hit).toMatchObject({ kind: 'note', incidentKey: archived, phase: 'closed', tlp: 'amber' });
    const marked = hit!.highlights.map((h) => hit!.snippet.slice(h.start, h.end));
    expect(marked).toEqual(['zanzibarite']);

    expect((await search('q=zanzibarite&phase=closed')).items).toHaveLength(1);
    expect((await search('q=zanzibarite&phase=response')).items).toHaveLength(0);
    expect((await search('q=zanzibarite&kinds=task,incident')).items).toHaveLength(0);
    expect((await search(`q=zanzibarite&constituency=${school}`)).items).toHaveLength(0);
    expect((await search('q=zanzibarite&classification=malicious-code/infected-system')).items).toHaveLength(
      1,
    );
    expect((await search('q=zanzibarite&to=2000-01-01')).items).toHaveLength(0);
    expect((await search('q=ransomware&kinds=incident')).items.map((i) => i.incidentKey)).toEqual([archived]);
  });

  it('never returns anything outside the user’s constituencies or above their TLP ceiling', async () => {
    const mine = await open('Hospital case', hospital, 'amber');
    const otherConstituency = await open('School case', school, 'green');
    const tooSecret = await open('Hospital secret', hospital, 'red');
    await note(mine, 'quokkaflux seen on the proxy');
    await note(mine, 'quokkaflux attribution from a partner', 'red');
    await note(otherConstituency, 'quokkaflux in the school lab');
    await note(tooSecret, 'quokkaflux in the red case');
    await req('POST', `/api/v1/incidents/${tooSecret}/tasks`, {
      title: 'Block quokkaflux',
      step: 'proposed_action',
      party: { kind: 'isp', name: 'Example ISP' },
    });
    await req('POST', '/api/v1/reports', {
      channel: 'api',
      reporter: { kind: 'tool', name: 'edr' },
      title: 'quokkaflux beacon',
      body: 'unattributed',
    });
    await close(mine);

    const all = await search('q=quokkaflux');
    expect(all.items).toHaveLength(6);
    const restricted = await t.userWithRole('viewer', {
      scope: { constituencies: [hospital], tlpCeiling: 'amber' },
    });
    const seen = (await search('q=quokkaflux', restricted.headers)).items;
    expect(seen.map((i) => [i.kind, i.incidentKey, i.tlp])).toEqual([['note', mine, 'amber']]);
    expect(seen[0]!.snippet).toContain('proxy');
    // Filters never widen the scope.
    expect((await search('q=quokkaflux&tlp=red', restricted.headers)).items).toEqual([]);
    expect((await search(`q=quokkaflux&constituency=${school}`, restricted.headers)).items).toEqual([]);
  });

  it('answers where an observable was seen: incidents (archived too) and reports, scoped', async () => {
    const key = await open('Scanner', hospital);
    const added = await req('POST', `/api/v1/incidents/${key}/observables`, {
      type: 'ipv4',
      value: '203.0.113[.]5',
      tags: [],
      tlp: 'green',
    });
    expect(added.statusCode, added.body).toBe(201);
    await close(key);
    const report = await req('POST', '/api/v1/reports', {
      channel: 'api',
      reporter: { kind: 'tool', name: 'ids' },
      title: 'Port scan',
      body: 'Scan from 203.0.113.5 against the mail relay',
    });
    expect(report.statusCode).toBe(201);

    const found = await search('q=203.0.113.5&kinds=observable');
    expect(found.observable).toEqual({ type: 'ipv4', value: '203.0.113.5' });
    expect(found.items.map((i) => [i.incidentKey, i.reportId, i.phase]).sort()).toEqual(
      [
        [key, null, 'closed'],
        [null, report.json().id, null],
      ].sort(),
    );
    const restricted = await t.userWithRole('handler', { scope: { constituencies: [hospital] } });
    const theirs = await search('q=203.0.113[.]5&kinds=observable', restricted.headers);
    expect(theirs.items.map((i) => i.incidentKey)).toEqual([key]);
    expect((await search('q=198.51.100.9&kinds=observable')).items).toEqual([]);
  });

  it('indexes tasks and communications in their transactions, and re-indexes an edited task', async () => {
    const key = await open('Phishing', hospital);
    const task = (
      await req('POST', `/api/v1/incidents/${key}/tasks`, {
        title: 'Takedown of the wombatpage',
        step: 'proposed_action',
        party: { kind: 'isp', name: 'Example ISP' },
      })
    ).json();
    expect((await search('q=wombatpage')).items.map((i) => [i.kind, i.id])).toEqual([['task', task.id]]);
    const edited = await req('PATCH', `/api/v1/incidents/${key}/tasks/${task.id}`, {
      version: task.version,
      title: 'Takedown of the numbatpage',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await search('q=wombatpage')).items).toEqual([]);
    expect((await search('q=numbatpage')).items).toHaveLength(1);

    const incidentId = (
      await t.runtime.handle.db
        .selectFrom('incidents')
        .select('id')
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
    ).id;
    await insertInboundMail(t, {
      id: 'c-1',
      incidentId,
      subject: 'Re: platypusgate',
      body: 'The host is clean now.',
    });
    expect((await search('q=platypusgate')).items).toMatchObject([
      { kind: 'communication', incidentKey: key },
    ]);
  });

  it('keeps an archived incident read-only until it is reopened with a reason', async () => {
    const key = await open('Defacement', hospital);
    await close(key);
    const refusedNote = await note(key, 'late thought');
    expect(refusedNote.statusCode).toBe(409);
    expect(refusedNote.json()).toMatchObject({ code: 'incident_archived' });
    const refusedTask = await req('POST', `/api/v1/incidents/${key}/tasks`, {
      title: 'One more thing',
      step: 'proposed_action',
      party: { kind: 'isp', name: 'Example ISP' },
    });
    expect(refusedTask.json()).toMatchObject({ status: 409, code: 'incident_archived' });
    const version = (await req('GET', `/api/v1/incidents/${key}`)).json().version;
    const edit = await req('PATCH', `/api/v1/incidents/${key}`, { version, title: 'Rewritten' });
    expect(edit.json()).toMatchObject({ code: 'incident_archived' });
    expect((await req('GET', `/api/v1/incidents/${key}/notes`)).json().items).toEqual([]);

    const reopened = await req('POST', `/api/v1/incidents/${key}/transition`, {
      version,
      to: 'response',
      reason: 'The defacement came back',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((await note(key, 'It came back')).statusCode).toBe(201);
  });

  it('pages each kind (offset, `more`) without repeating a report linked to two incidents', async () => {
    const first = await open('Wallaby case one', hospital);
    const second = await open('Wallaby case two', hospital);
    for (let i = 0; i < 5; i++) await note(first, `wallabyshift sighting ${i}`);
    const report = await req('POST', '/api/v1/reports', {
      channel: 'api',
      reporter: { kind: 'tool', name: 'ids' },
      title: 'wallabyshift beacon',
      body: 'seen twice',
    });
    const reportId = report.json().id as string;
    // The API links new reports only, but the schema lets a report sit on two incidents.
    for (const key of [first, second]) {
      const { id } = await t.runtime.handle.db
        .selectFrom('incidents')
        .select('id')
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      await t.runtime.handle.db
        .insertInto('incident_reports')
        .values({ incident_id: id, report_id: reportId, linked_at: new Date().toISOString() })
        .execute();
    }

    const page1 = await search('q=wallabyshift&limit=2');
    expect(page1.items.filter((i) => i.kind === 'note')).toHaveLength(2);
    expect(page1.items.filter((i) => i.kind === 'report')).toMatchObject([{ id: reportId }]);
    expect(page1.more).toEqual(['note']);
    const page2 = await search('q=wallabyshift&limit=2&kinds=note&offset=2');
    const page3 = await search('q=wallabyshift&limit=2&kinds=note&offset=4');
    expect([page2.more, page3.more]).toEqual([['note'], []]);
    const ids = [page1, page2, page3].flatMap((p) =>
      p.items.filter((i) => i.kind === 'note').map((i) => i.id),
    );
    expect(new Set(ids).size).toBe(5);
    const tooFar = await req('GET', '/api/v1/search?q=wallabyshift&offset=10001');
    expect(tooFar.statusCode).toBe(400);
  });

  it('widens the scored window until a narrow scope fills its page', async () => {
    const theirs = await open('Hospital case', hospital);
    const others = await open('School case', school);
    for (let i = 0; i < 3; i++) await note(theirs, `kookaburra trace ${i}`);
    for (let i = 0; i < 4; i++) await note(others, `kookaburra trace ${i}`);
    const store = createSearchStore(dialect, { windows: [2, 4, null] });
    const scope = { constituencies: [hospital], tlpCeiling: 'amber' as const };
    const filter = { limit: 2, offset: 0 };
    // The newest four matches are the school's: only scoring everything finds the hospital's three.
    const page = await store.text(t.runtime.handle.db, scope, 'note', 'kookaburra', filter);
    expect(page.rows.map((r) => r.incident_key)).toEqual([theirs, theirs]);
    expect(page.more).toBe(true);
    const all = await store.text(
      t.runtime.handle.db,
      { constituencies: null, tlpCeiling: 'red' },
      'note',
      'kookaburra',
      filter,
    );
    expect(all.rows.map((r) => r.incident_key)).toEqual([others, others]);
  });
});
