import type { FirebreakMigration } from '../platform/db/migration.ts';

/**
 * Final information to the parties at closure (ENISA guide 5.1): one template per audience, with the
 * classification, whether it was resolved, the main findings and recommendations. Admins edit them.
 */
const seeds = [
  {
    id: 'seed-final-information-technical-en',
    name: 'Final information at closure (technical)',
    audience: 'technical',
    subject: 'Incident closed: {{incident.title}}',
    body: `Hello {{recipient.name}},

we have closed incident {{incident.key}} – {{incident.title}}.

Classification: {{incident.type}}
Outcome: {{closure.outcome}}

Summary:
{{closure.summary}}

Main findings:
{{closure.findings}}

Recommendations:
{{closure.recommendations}}

Thank you for your help. If you see related activity again, write to us with {{incident.key}} in the subject.

Regards,
{{handler.name}}
{{team}}`,
  },
  {
    id: 'seed-final-information-descriptive-en',
    name: 'Final information at closure (management summary)',
    audience: 'descriptive',
    subject: 'Security incident closed: {{incident.title}}',
    body: `Dear {{recipient.name}},

the security incident {{incident.key}} ({{incident.type}}) that concerned {{constituency.name}} is now closed. Outcome: {{closure.outcome}}.

{{closure.summary}}

What we found:
{{closure.findings}}

What we recommend:
{{closure.recommendations}}

Please quote {{incident.key}} in any reply.

Kind regards,
{{handler.name}}
{{team}}`,
  },
];

export const migration: FirebreakMigration = {
  async up(db) {
    const at = new Date().toISOString();
    await db
      .insertInto('message_templates')
      .values(
        seeds.map((s) => ({
          ...s,
          type_id: null,
          language: 'en',
          created_at: at,
          updated_at: at,
          updated_by: 'system:seed',
          version: 1,
        })),
      )
      .execute();
  },

  async down(db) {
    await db
      .deleteFrom('message_templates')
      .where(
        'id',
        'in',
        seeds.map((s) => s.id),
      )
      .execute();
  },
};
