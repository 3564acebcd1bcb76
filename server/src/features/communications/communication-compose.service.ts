import { randomUUID } from 'node:crypto';
import type { ComposeMessage, Communication, MessagePreview } from '#contracts/communications.ts';
import type { Incident } from '#contracts/incidents.ts';
import type { Tlp } from '#contracts/identity.ts';
import { readableTlps, requireRole, tlpAllows, type Actor } from '../../platform/auth/actor.ts';
import type { BlobStore } from '../../platform/blobs/blob-store.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { transaction } from '../../platform/db/transaction.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { conflict, DomainError, invalid, notFound } from '../../platform/http/domain-error.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { encryptionKey, pgpMimeMessage, plainMessage } from '../../platform/mail/mime-message.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import {
  INCIDENT_CHANGED,
  requireNotDestroyed,
  type IncidentChanges,
  type IncidentStore,
} from '../incidents/index.ts';
import {
  bodyWithBanner,
  effectiveTlp,
  encryptionDecision,
  resolveRecipients,
  subjectWithKey,
  tlpLabel,
} from './communication-compose.rules.ts';
import type { ComposeStore } from './communication-compose.store.ts';
import { SEND_COMMUNICATION, SEND_ATTEMPTS } from './communication-send.job.ts';
import type { CommunicationService } from './communication.service.ts';
import type { CommunicationStore } from './communication.store.ts';
import { renderTemplate, type TemplateValues } from './message-template.rules.ts';
import { checkVariables } from './message-template.service.ts';
import type { MessageTemplateStore } from './message-template.store.ts';

export interface ComposeServiceDeps {
  handle: DatabaseHandle;
  events: EventBus;
  jobs: JobQueue;
  blobs: BlobStore;
  incidents: Pick<IncidentStore, 'get'>;
  /** Timeline and audit through the incident's one recorder. */
  changes: Pick<IncidentChanges, 'recorder'>;
  constituencies: Pick<ConstituencyService, 'get'>;
  templates: MessageTemplateStore;
  store: ComposeStore;
  threads: Pick<CommunicationStore, 'list'>;
  communications: Pick<CommunicationService, 'recordOutbound'>;
  mailer: Mailer | null;
  team: string;
  now: () => Date;
}

/** Composing and sending a message on an incident: template, variables, TLP banner, OpenPGP. */
export function createComposeService(deps: ComposeServiceDeps) {
  const { handle, events, jobs, blobs, incidents, changes, templates, store, mailer, now } = deps;
  const { db } = handle;

  async function visibleIncident(actor: Actor, key: string): Promise<Incident> {
    const incident = await incidents.get(db, actor.scope, key);
    if (!incident) throw notFound('Incident');
    return incident;
  }

  async function contactsOf(actor: Actor, incident: Incident) {
    if (!incident.constituency) return [];
    return (await deps.constituencies.get(actor, incident.constituency.id)).contacts;
  }

  async function values(
    actor: Actor,
    incident: Incident,
    tlp: Tlp,
    recipient: string,
  ): Promise<TemplateValues> {
    const c = incident.classification;
    // What the message may carry: no stricter than its own marking, nor than the sender may read.
    const shareable = readableTlps({ ...actor.scope, tlpCeiling: tlp }).filter((t) =>
      tlpAllows(actor.scope, t),
    );
    const observables = await store.observableLines(db, incident.id, shareable);
    return {
      'incident.key': incident.key,
      'incident.title': incident.title,
      'incident.summary': incident.summary,
      'incident.severity': incident.severity ?? 'not assessed',
      'incident.type': c ? `${c.typeLabel} (${c.classLabel})` : 'not classified yet',
      'constituency.name': incident.constituency?.name ?? 'your organisation',
      observables: observables.length ? observables.join('\n') : '(none recorded)',
      tlp: tlpLabel(tlp),
      'handler.name': (await store.userName(db, actor.id)) ?? actor.label,
      'handler.email': actor.label,
      'recipient.name': recipient,
      'report.ref': (await store.firstReportRef(db, incident.id)) ?? incident.key,
      team: deps.team,
      // Final information (closure) fills these with what the wizard decided; elsewhere: as recorded.
      'closure.outcome': incident.closure?.outcome.replace(/_/g, ' ') ?? 'not closed yet',
      'closure.summary': incident.closure?.summary ?? '',
      'closure.findings': '(see the final report)',
      'closure.recommendations': '',
    };
  }

  /** Everything preview shows and send sends, checked; throws on bad input, reports a refusal. */
  async function compose(
    actor: Actor,
    key: string,
    input: ComposeMessage,
    extra: Partial<TemplateValues> = {},
  ) {
    requireRole(actor, 'handler');
    const incident = await visibleIncident(actor, key);
    if (incident.mergedInto)
      throw conflict('incident_merged', `${key} was merged into ${incident.mergedInto}; write from there`);
    requireNotDestroyed(incident);
    const template = input.templateId ? await templates.get(db, input.templateId) : undefined;
    if (input.templateId && !template) throw notFound('Message template');
    const subject = input.subject ?? template?.subject ?? '';
    const body = input.body ?? template?.body ?? '';
    const issues = [
      ...(subject.trim() ? [] : [{ path: 'subject', message: 'a subject is needed (or a template)' }]),
      ...(body.trim() ? [] : [{ path: 'body', message: 'a body is needed (or a template)' }]),
    ];
    const { recipients, issues: toIssues } = resolveRecipients(input.to, await contactsOf(actor, incident));
    if (issues.length || toIssues.length)
      throw invalid('invalid_message', 'The message is not complete', [...issues, ...toIssues]);
    checkVariables({ subject, body });
    const tlp = effectiveTlp(incident.tlp, input.tlp);
    const keyed = await Promise.all(
      recipients.map(async (r) => ({ ...r, key: await encryptionKey(r.pgpKey) })),
    );
    const decision = encryptionDecision(
      keyed.map((r) => ({ address: r.address, usableKey: r.key !== null })),
      tlp,
    );
    const vars = {
      ...(await values(actor, incident, tlp, recipients[0]?.name || recipients[0]?.address || '')),
      ...extra,
    };
    const text = renderTemplate(body, vars);
    return {
      incident,
      templateId: template?.id ?? null,
      subject: subjectWithKey(renderTemplate(subject, vars), incident.key),
      /** The rendered body before the TLP banner, for drafts the handler edits and sends back. */
      text,
      body: bodyWithBanner(text, tlp),
      tlp,
      recipients: keyed,
      decision,
    };
  }

  type Composed = Awaited<ReturnType<typeof compose>>;

  async function preview(
    actor: Actor,
    key: string,
    input: ComposeMessage,
    extra?: Partial<TemplateValues>,
  ): Promise<MessagePreview & { text: string }> {
    const m = await compose(actor, key, input, extra);
    return {
      subject: m.subject,
      body: m.body,
      text: m.text,
      tlp: m.tlp,
      recipients: m.recipients.map((r) => ({ address: r.address, name: r.name, hasKey: r.key !== null })),
      encrypted: m.decision.encrypt,
      refusal: m.decision.refusal ?? (mailer ? null : noRelay().message),
    };
  }

  /**
   * The message as composed and as it goes on the wire (PGP/MIME when encrypted), both stored as
   * encrypted blobs before the transaction, as inbound raw mail is: a rollback leaves at most orphans.
   */
  async function stored(m: Composed, fromAddress: string, at: Date) {
    const from = { name: deps.team, address: fromAddress };
    const messageId = `${randomUUID()}@${fromAddress.split('@')[1] ?? 'firebreak.invalid'}`;
    const headers = { from, to: m.recipients.map((r) => r.address), subject: m.subject, messageId, date: at };
    const plain = await plainMessage(headers, m.body);
    const keys = m.recipients.flatMap((r) => (r.key ? [r.key] : []));
    const wire = m.decision.encrypt ? await pgpMimeMessage(headers, m.body, keys) : plain;
    const keyId = await blobs.keys.forPurpose(`mail:${at.toISOString().slice(0, 7)}`);
    return { headers, keyId, raw: await blobs.put(keyId, plain), sent: await blobs.put(keyId, wire) };
  }

  /**
   * Records the message on the thread and timeline as queued, with a job that sends it (retried while
   * the relay is down). Nothing is recorded when it is refused.
   */
  async function send(actor: Actor, key: string, input: ComposeMessage): Promise<Communication> {
    const m = await compose(actor, key, input);
    if (m.decision.refusal)
      throw invalid(
        'recipients_without_key',
        m.decision.refusal,
        m.decision.withoutKey.map((address) => ({
          path: 'to',
          message: `${address} has no usable OpenPGP key`,
        })),
      );
    if (!mailer) throw noRelay();
    const at = now();
    const { headers, keyId, raw, sent } = await stored(m, mailer.from, at);
    const id = await transaction(db, async (tx, onCommit) => {
      const id = await deps.communications.recordOutbound(
        tx,
        actor,
        { incidentId: m.incident.id, reportId: null },
        {
          messageId: headers.messageId,
          from: headers.from,
          to: headers.to,
          subject: m.subject,
          body: m.body,
          automated: false,
          raw: { sha256: raw.sha256, keyId },
          encrypted: m.decision.encrypt,
        },
      );
      const how = m.decision.encrypt ? 'OpenPGP-encrypted' : 'in clear';
      const text = `E-mail to ${headers.to.join(', ')} (${tlpLabel(m.tlp)}, ${how}): ${m.subject}`;
      await changes.recorder(tx, actor, m.incident)('communication', text, undefined, {
        action: 'communication.sent',
        data: {
          communicationId: id,
          to: headers.to,
          subject: m.subject,
          tlp: m.tlp,
          encrypted: m.decision.encrypt,
          templateId: m.templateId,
          rawSha256: raw.sha256,
        },
      });
      await jobs.enqueue(
        SEND_COMMUNICATION,
        { communicationId: id, keyId, sha256: sent.sha256 },
        { maxAttempts: SEND_ATTEMPTS },
        tx,
      );
      onCommit(() =>
        events.publish({
          type: INCIDENT_CHANGED,
          data: { key: m.incident.key },
          audience: { constituencyId: m.incident.constituency?.id ?? null },
        }),
      );
      return id;
    });
    const items = await deps.threads.list(db, { incidentId: m.incident.id });
    return items.find((c) => c.id === id)!;
  }

  return { preview, send };
}

const noRelay = () =>
  new DomainError(
    'conflict',
    'mail_relay_missing',
    'No mail relay is configured: an administrator sets FIREBREAK_MAIL_RELAY_URL and FIREBREAK_MAIL_FROM',
  );

export type ComposeService = ReturnType<typeof createComposeService>;
