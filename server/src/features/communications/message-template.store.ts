import type { MessageTemplate, TemplateAudience } from '#contracts/message-templates.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { MessageTemplatesTable } from '../../platform/db/schema.ts';

const iso = (v: string) => new Date(v).toISOString();

const toTemplate = (r: MessageTemplatesTable): MessageTemplate => ({
  id: r.id,
  name: r.name,
  typeId: r.type_id,
  audience: r.audience as TemplateAudience,
  language: r.language,
  subject: r.subject,
  body: r.body,
  version: r.version,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  updatedBy: r.updated_by,
});

const toRow = (t: MessageTemplate): MessageTemplatesTable => ({
  id: t.id,
  name: t.name,
  type_id: t.typeId,
  audience: t.audience,
  language: t.language,
  subject: t.subject,
  body: t.body,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
  updated_by: t.updatedBy,
  version: t.version,
});

export function createMessageTemplateStore() {
  async function list(q: Queryable): Promise<MessageTemplate[]> {
    const rows = await q
      .selectFrom('message_templates')
      .selectAll()
      .orderBy('language')
      .orderBy('name')
      .execute();
    return rows.map(toTemplate);
  }

  async function get(q: Queryable, id: string): Promise<MessageTemplate | undefined> {
    const row = await q.selectFrom('message_templates').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toTemplate(row) : undefined;
  }

  async function byName(q: Queryable, name: string): Promise<{ id: string } | undefined> {
    return q.selectFrom('message_templates').select('id').where('name', '=', name).executeTakeFirst();
  }

  async function insert(q: Queryable, t: MessageTemplate): Promise<void> {
    await q.insertInto('message_templates').values(toRow(t)).execute();
  }

  async function update(q: Queryable, t: MessageTemplate): Promise<void> {
    const { id: _id, created_at: _c, ...changes } = toRow(t);
    await q.updateTable('message_templates').set(changes).where('id', '=', t.id).execute();
  }

  async function remove(q: Queryable, id: string): Promise<boolean> {
    const r = await q.deleteFrom('message_templates').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  return { list, get, byName, insert, update, remove };
}

export type MessageTemplateStore = ReturnType<typeof createMessageTemplateStore>;
