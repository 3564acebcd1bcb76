import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../../platform/testing/test-database.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

describeEachDialect('incident notes', (dialect) => {
  let t: TestApp;
  let admin: Headers;
  let key: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    admin = await t.login();
    key = (await req('POST', '/api/v1/incidents', { title: 'Phishing wave', tlp: 'amber' })).json().key;
  });
  afterEach(() => t.close());

  const req = (method: Method, url: string, payload?: object, headers = admin) =>
    t.request({ method, url, headers, ...(payload ? { payload } : {}) });
  const notesOf = async (headers = admin) =>
    (await req('GET', `/api/v1/incidents/${key}/notes`, undefined, headers)).json().items;
  const timeline = async () =>
    (await req('GET', `/api/v1/incidents/${key}/timeline`)).json().items as { kind: string; text: string }[];
  const auditActions = async () =>
    (await req('GET', `/api/v1/audit?targetId=${key}`)).json().items.map((a: { action: string }) => a.action);

  it('adds, edits and soft-deletes a note, each on the timeline and in the audit log', async () => {
    const incidentVersion = (await req('GET', `/api/v1/incidents/${key}`)).json().version;
    const added = await req('POST', `/api/v1/incidents/${key}/notes`, {
      body: '# Findings\n\nThe kit is *old*.',
    });
    expect(added.statusCode).toBe(201);
    const note = added.json();
    expect(note).toMatchObject({ incidentKey: key, tlp: null, version: 1, createdBy: 'admin@example.test' });

    const edited = await req('PATCH', `/api/v1/incidents/${key}/notes/${note.id}`, {
      version: 1,
      body: '# Findings\n\nThe kit is *new*.',
      tlp: 'red',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ body: '# Findings\n\nThe kit is *new*.', tlp: 'red', version: 2 });
    expect(await notesOf()).toEqual([edited.json()]);

    const gone = await req('DELETE', `/api/v1/incidents/${key}/notes/${note.id}`, { version: 2 });
    expect(gone.statusCode).toBe(204);
    expect(await notesOf()).toEqual([]);
    // Soft: the row stays for the audit trail.
    const row = await t.db.db.selectFrom('incident_notes').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ deleted_by: 'admin@example.test', body: '# Findings\n\nThe kit is *new*.' });

    const kinds = (await timeline()).map((e) => e.kind);
    expect(kinds.filter((k) => k.startsWith('note_'))).toEqual(['note_added', 'note_edited', 'note_deleted']);
    // The timeline says that a note changed, never what it says (it may be marked stricter).
    expect(JSON.stringify(await timeline())).not.toContain('kit is');
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['incident.note_added', 'incident.note_edited', 'incident.note_deleted']),
    );
    // Notes carry their own version: the incident's stays as it was, so no open edit of it goes stale.
    expect((await req('GET', `/api/v1/incidents/${key}`)).json().version).toBe(incidentVersion);
  });

  it('refuses a stale edit with 409 and the current note, changing nothing', async () => {
    const note = (await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'first' })).json();
    const other = await t.userWithRole('handler');
    const theirs = await req(
      'PATCH',
      `/api/v1/incidents/${key}/notes/${note.id}`,
      { version: 1, body: 'theirs' },
      other.headers,
    );
    expect(theirs.statusCode).toBe(200);
    const entriesBefore = (await timeline()).length;

    const mine = await req('PATCH', `/api/v1/incidents/${key}/notes/${note.id}`, {
      version: 1,
      body: 'mine',
    });
    expect(mine.statusCode).toBe(409);
    expect(mine.json()).toMatchObject({
      code: 'stale_version',
      current: { id: note.id, body: 'theirs', version: 2, updatedBy: other.email },
    });
    const staleDelete = await req('DELETE', `/api/v1/incidents/${key}/notes/${note.id}`, { version: 1 });
    expect(staleDelete.statusCode).toBe(409);
    expect(await notesOf()).toMatchObject([{ body: 'theirs', version: 2 }]);
    expect((await timeline()).length).toBe(entriesBefore);
  });

  it('lets exactly one of three simultaneous saves of the same version land', async () => {
    const note = (await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'draft' })).json();
    const path = `/api/v1/incidents/${key}/notes/${note.id}`;
    const results = await Promise.all(
      ['one', 'two', 'three'].map((body) => req('PATCH', path, { version: 1, body })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json();
    expect(await notesOf()).toEqual([winner]);
    expect((await timeline()).filter((e) => e.kind === 'note_edited')).toHaveLength(1);
  });

  it('moves notes to the survivor of a merge; the merged incident takes no more', async () => {
    const note = (await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'from the duplicate' })).json();
    const survivor = (await req('POST', '/api/v1/incidents', { title: 'The main case' })).json();
    const source = (await req('GET', `/api/v1/incidents/${key}`)).json();
    const merged = await req('POST', `/api/v1/incidents/${survivor.key}/merge`, {
      version: survivor.version,
      sources: [{ key, version: source.version }],
    });
    expect(merged.statusCode).toBe(200);
    const moved = (await req('GET', `/api/v1/incidents/${survivor.key}/notes`)).json().items;
    expect(moved).toMatchObject([{ id: note.id, incidentKey: survivor.key, body: 'from the duplicate' }]);
    expect(await notesOf()).toEqual([]);
    const late = await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'too late' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'incident_merged' });
  });

  it('answers bad input with every problem and writes nothing', async () => {
    const bad = await req('POST', `/api/v1/incidents/${key}/notes`, { body: '   ', tlp: 'purple' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.body', 'body.tlp']);
    const huge = await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'x'.repeat(100_001) });
    expect(huge.statusCode).toBe(400);
    const below = await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'ok', tlp: 'green' });
    expect(below.statusCode).toBe(400);
    expect(below.json()).toMatchObject({ code: 'note_invalid', errors: [{ path: 'body.tlp' }] });
    const missing = await req('PATCH', `/api/v1/incidents/${key}/notes/nope`, { version: 1, body: 'x' });
    expect(missing.statusCode).toBe(404);
    expect(await notesOf()).toEqual([]);
    expect((await timeline()).some((e) => e.kind.startsWith('note_'))).toBe(false);
  });

  it('keeps notes within scope: constituency, TLP ceiling and role', async () => {
    const note = (await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'amber note' })).json();
    await req('POST', `/api/v1/incidents/${key}/notes`, { body: 'red note', tlp: 'red' });

    const amberReader = await t.userWithRole('handler', { scope: { tlpCeiling: 'amber' } });
    expect((await notesOf(amberReader.headers)).map((n: { body: string }) => n.body)).toEqual(['amber note']);
    const tooHigh = await req(
      'POST',
      `/api/v1/incidents/${key}/notes`,
      { body: 'x', tlp: 'red' },
      amberReader.headers,
    );
    expect(tooHigh.statusCode).toBe(400);

    const constituency = (
      await req('POST', '/api/v1/constituencies', { name: 'Elsewhere', criticality: 'low' })
    ).json();
    const outsider = await t.userWithRole('handler', { scope: { constituencies: [constituency.id] } });
    const path = `/api/v1/incidents/${key}/notes`;
    expect((await req('GET', path, undefined, outsider.headers)).statusCode).toBe(404);
    expect((await req('POST', path, { body: 'x' }, outsider.headers)).statusCode).toBe(404);
    expect(
      (await req('GET', `/api/v1/incidents/${key}/analysis`, undefined, outsider.headers)).statusCode,
    ).toBe(404);

    const viewer = await t.userWithRole('viewer');
    expect(await notesOf(viewer.headers)).toHaveLength(2);
    expect((await req('POST', path, { body: 'x' }, viewer.headers)).statusCode).toBe(403);

    // Another handler may edit a note, but only its author or a lead may delete it.
    const handler = await t.userWithRole('handler');
    const del = await req('DELETE', `${path}/${note.id}`, { version: 1 }, handler.headers);
    expect(del.statusCode).toBe(403);
    expect(await notesOf()).toHaveLength(2);
  });

  it('saves the analysis record with its version; a stale save gets 409 and changes nothing', async () => {
    const path = `/api/v1/incidents/${key}/analysis`;
    const empty = (await req('GET', path)).json();
    expect(empty).toMatchObject({ version: 0, rootCause: '', assets: [], updatedBy: null });

    const first = {
      version: 0,
      rootCause: 'Credentials phished from the help desk',
      assets: [
        {
          name: 'Mail gateway',
          identifier: 'mx1.example.org',
          kind: 'server',
          owner: 'IT',
          state: 'affected',
        },
        { name: 'j.doe', kind: 'account', state: 'contained' },
      ],
      impact: {
        confidentiality: 'high',
        integrity: 'low',
        availability: 'none',
        affectedUsers: 12,
        affectedRecords: null,
        business: 'Mail delayed for two hours',
      },
    };
    const saved = await req('PUT', path, first);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      version: 1,
      updatedBy: 'admin@example.test',
      assets: [{ identifier: 'mx1.example.org' }, { name: 'j.doe', identifier: '', owner: '' }],
      impact: { confidentiality: 'high', affectedUsers: 12 },
    });

    const lead = await t.userWithRole('lead');
    const recovered = {
      ...first,
      version: 1,
      assets: first.assets.map((a) => ({ ...a, state: 'recovered' })),
    };
    expect((await req('PUT', path, recovered, lead.headers)).statusCode).toBe(200);

    // Someone still on version 1, and someone who thinks nothing was saved yet.
    const staleEdit = await req('PUT', path, { ...first, version: 1, rootCause: 'Something else' });
    expect(staleEdit.statusCode).toBe(409);
    expect(staleEdit.json()).toMatchObject({
      code: 'stale_version',
      current: { version: 2, updatedBy: lead.email },
    });
    expect((await req('PUT', path, { ...first, version: 0 })).statusCode).toBe(409);
    const now = (await req('GET', path)).json();
    expect(now).toMatchObject({
      version: 2,
      rootCause: first.rootCause,
      assets: [{ state: 'recovered' }, {}],
    });

    const entries = (await timeline()).filter((e) => e.kind === 'analysis_updated');
    expect(entries.map((e) => e.text)).toEqual([
      'Analysis updated: root cause, affected assets (0 → 2), impact',
      'Analysis updated: affected assets',
    ]);
    expect((await auditActions()).filter((a: string) => a === 'incident.analysis_updated')).toHaveLength(2);
  });

  it('refuses a bad analysis with every problem listed', async () => {
    const path = `/api/v1/incidents/${key}/analysis`;
    const res = await req('PUT', path, {
      version: 0,
      rootCause: 'x',
      assets: [{ name: '', kind: 'toaster', state: 'broken' }],
      impact: {
        confidentiality: 'extreme',
        integrity: null,
        availability: null,
        affectedUsers: -1,
        affectedRecords: null,
        business: '',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual([
      'body.assets.0.kind',
      'body.assets.0.name',
      'body.assets.0.state',
      'body.impact.affectedUsers',
      'body.impact.confidentiality',
    ]);
    const dup = { name: 'db', kind: 'server', state: 'affected' };
    const twice = await req('PUT', path, {
      version: 0,
      rootCause: '',
      assets: [dup, dup],
      impact: {
        confidentiality: null,
        integrity: null,
        availability: null,
        affectedUsers: null,
        affectedRecords: null,
        business: '',
      },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ code: 'analysis_invalid', errors: [{ path: 'body.assets.1' }] });
    expect((await req('GET', path)).json().version).toBe(0);
  });
});
