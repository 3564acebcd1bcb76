import { columnTypes, type FirebreakMigration } from '../platform/db/migration.ts';

/** One template per report kind to start from; admins edit them (features/reporting). */
const seeds = [
  {
    kind: 'technical',
    title: 'Technical incident report',
    sections: [
      'summary',
      'classification',
      'timeline',
      'actions',
      'impact',
      'root_cause',
      'remediation',
      'lessons',
    ],
    intro:
      'Technical report on incident {{incident.key}} ({{incident.title}}), {{incident.type}}, priority {{incident.priority}}, marked {{incident.tlp}}.',
    outro: 'Prepared by {{team}} on {{generated.at}}.',
  },
  {
    kind: 'management',
    title: 'Incident report for management',
    sections: [
      'summary',
      'classification',
      'impact',
      'root_cause',
      'timeline',
      'actions',
      'remediation',
      'lessons',
    ],
    intro:
      'This report summarises incident {{incident.key}} for {{constituency.name}}: what happened, what it affected and what has been done about it.',
    outro: 'Questions about this report: {{team}}. Quote {{incident.key}}.',
  },
  {
    kind: 'activity',
    title: 'Incident activity report',
    sections: ['by_class', 'by_priority', 'sla', 'times'],
    intro:
      '{{incident.count}} incidents were opened between {{period.from}} and {{period.to}} for {{constituency.name}}.',
    outro: 'Prepared by {{team}} on {{generated.at}}.',
  },
];

export const migration: FirebreakMigration = {
  async up(db, dialect) {
    const t = columnTypes(dialect);
    // The section layout and intro/outro text of each generated report kind.
    await db.schema
      .createTable('report_templates')
      .addColumn('kind', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('sections', 'text', (c) => c.notNull())
      .addColumn('intro', 'text', (c) => c.notNull())
      .addColumn('outro', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    const at = new Date().toISOString();
    await db
      .insertInto('report_templates')
      .values(
        seeds.map((s) => ({
          ...s,
          sections: JSON.stringify(s.sections),
          updated_at: at,
          updated_by: 'system:seed',
          version: 1,
        })),
      )
      .execute();
  },

  async down(db) {
    await db.schema.dropTable('report_templates').execute();
  },
};
