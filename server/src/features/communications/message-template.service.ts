import { randomUUID } from 'node:crypto';
import type {
  MessageTemplate,
  MessageTemplateInput,
  MessageTemplateUpdate,
} from '#contracts/message-templates.ts';
import type { AuditLog } from '../../platform/audit/audit-log.ts';
import { requireRole, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle, Tx } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import { conflict, invalid, notFound } from '../../platform/http/domain-error.ts';
import { unknownVariableIssues } from './message-template.rules.ts';
import type { MessageTemplateStore } from './message-template.store.ts';

export interface MessageTemplateServiceDeps {
  handle: DatabaseHandle;
  audit: AuditLog;
  store: MessageTemplateStore;
  now: () => Date;
}

const audited = ({
  id: _i,
  version: _v,
  createdAt: _c,
  updatedAt: _u,
  updatedBy: _b,
  ...t
}: MessageTemplate) => t;

/** Refuses a template naming a variable outside the fixed list, listing every one. */
export function checkVariables(fields: { subject?: string | undefined; body?: string | undefined }): void {
  const issues = unknownVariableIssues(fields);
  if (issues.length)
    throw invalid('unknown_template_variable', 'The template uses variables that do not exist', issues);
}

/** Message templates: everyone who composes reads them; admins write them. */
export function createMessageTemplateService({ handle, audit, store, now }: MessageTemplateServiceDeps) {
  const { db } = handle;

  async function list(actor: Actor): Promise<MessageTemplate[]> {
    requireRole(actor, 'viewer');
    return store.list(db);
  }

  async function get(actor: Actor, id: string): Promise<MessageTemplate> {
    requireRole(actor, 'viewer');
    const found = await store.get(db, id);
    if (!found) throw notFound('Message template');
    return found;
  }

  async function uniqueName(tx: Tx, name: string, id: string | null) {
    const other = await store.byName(tx, name);
    if (other && other.id !== id)
      throw conflict('message_template_name_taken', `A message template named ${name} exists`);
  }

  async function create(actor: Actor, input: MessageTemplateInput): Promise<MessageTemplate> {
    requireRole(actor, 'admin');
    checkVariables(input);
    return transaction(db, async (tx) => {
      await uniqueName(tx, input.name, null);
      const at = now().toISOString();
      const template: MessageTemplate = {
        ...input,
        id: randomUUID(),
        version: 1,
        createdAt: at,
        updatedAt: at,
        updatedBy: actor.label,
      };
      await store.insert(tx, template);
      await audit.record(tx, actor, {
        action: 'message_template.created',
        targetType: 'message_template',
        targetId: template.id,
        data: { after: audited(template) },
      });
      return template;
    });
  }

  async function update(actor: Actor, id: string, input: MessageTemplateUpdate): Promise<MessageTemplate> {
    requireRole(actor, 'admin');
    checkVariables(input);
    return transaction(db, async (tx) => {
      const before = await store.get(tx, id);
      if (!before) throw notFound('Message template');
      if (before.version !== input.version)
        throw conflict(
          'stale_version',
          `This template was changed (version ${before.version}) since you loaded version ${input.version}`,
          { current: before },
        );
      await uniqueName(tx, input.name, id);
      const { version: _v, ...changes } = input;
      const after: MessageTemplate = {
        ...before,
        ...changes,
        version: before.version + 1,
        updatedAt: now().toISOString(),
        updatedBy: actor.label,
      };
      await store.update(tx, after);
      await audit.record(tx, actor, {
        action: 'message_template.changed',
        targetType: 'message_template',
        targetId: id,
        data: { before: audited(before), after: audited(after) },
      });
      return after;
    });
  }

  async function remove(actor: Actor, id: string): Promise<void> {
    requireRole(actor, 'admin');
    await transaction(db, async (tx) => {
      const before = await store.get(tx, id);
      if (!before || !(await store.remove(tx, id))) throw notFound('Message template');
      await audit.record(tx, actor, {
        action: 'message_template.deleted',
        targetType: 'message_template',
        targetId: id,
        data: { before: audited(before) },
      });
    });
  }

  return { list, get, create, update, remove };
}

export type MessageTemplateService = ReturnType<typeof createMessageTemplateService>;
