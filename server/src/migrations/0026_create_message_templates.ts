import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

/** A few templates to start from (English); admins edit them or add their own languages. */
const seeds = [
  {
    id: 'seed-notify-technical-en',
    name: 'Notify the affected constituency (technical)',
    type_id: null,
    audience: 'technical',
    language: 'en',
    subject: 'Security incident affecting {{constituency.name}}',
    body: `Hello {{recipient.name}},

we are handling a security incident that affects systems of {{constituency.name}}.

Incident: {{incident.key}} – {{incident.title}}
Type: {{incident.type}}
Severity: {{incident.severity}}

Observables seen in the reports we received:
{{observables}}

Please check the systems concerned, contain them where needed and tell us what you find. Keep the incident key {{incident.key}} in the subject when you reply.

Regards,
{{handler.name}}
{{team}}`,
  },
  {
    id: 'seed-notify-descriptive-en',
    name: 'Notify the affected constituency (management summary)',
    type_id: null,
    audience: 'descriptive',
    language: 'en',
    subject: 'Security incident notification for {{constituency.name}}',
    body: `Dear {{recipient.name}},

our team is handling a security incident that concerns {{constituency.name}}: {{incident.title}}.

{{incident.summary}}

Your technical contacts have received the details. We will keep you informed of the progress and tell you when the incident is resolved. Please quote {{incident.key}} in any reply.

Kind regards,
{{handler.name}}
{{team}}`,
  },
  {
    id: 'seed-isp-takedown-phishing-en',
    name: 'Ask a hosting provider or ISP to take a phishing site down',
    type_id: 'fraud/phishing',
    audience: 'technical',
    language: 'en',
    subject: 'Takedown request: phishing site',
    body: `Hello,

we are the incident response team {{team}}. We ask you to take down the following phishing resources hosted on your network; they imitate a service of {{constituency.name}} to steal credentials.

{{observables}}

Please confirm once the content is removed, and keep {{incident.key}} in the subject of your reply.

Thank you,
{{handler.name}}
{{team}}`,
  },
  {
    id: 'seed-isp-infected-system-en',
    name: 'Inform an ISP of an infected system in its network',
    type_id: 'malicious-code/infected-system',
    audience: 'technical',
    language: 'en',
    subject: 'Infected system in your network',
    body: `Hello,

we have evidence that the following systems in your network are infected and take part in malicious activity:

{{observables}}

Please notify the customers concerned and help them clean up. Reply with {{incident.key}} in the subject if you need more details.

Regards,
{{handler.name}}
{{team}}`,
  },
];

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // Message templates per taxonomy type (null: any) × audience × language (features/communications).
    await db.schema
      .createTable('message_templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('type_id', 'text')
      .addColumn('audience', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    const at = new Date().toISOString();
    await db
      .insertInto('message_templates')
      .values(
        seeds.map((s) => ({ ...s, created_at: at, updated_at: at, updated_by: 'system:seed', version: 1 })),
      )
      .execute();
    // Whether an outbound message left OpenPGP-encrypted, shown with a lock on the thread.
    await db.schema
      .alterTable('communications')
      .addColumn('encrypted', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },

  async down(db) {
    await db.schema.alterTable('communications').dropColumn('encrypted').execute();
    await db.schema.dropTable('message_templates').execute();
  },
};
