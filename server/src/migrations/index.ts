import type { FirebreakMigration } from '../platform/db/migration.ts';
import { migration as m0001 } from './0001_create_users.ts';
import { migration as m0002 } from './0002_create_audit_events.ts';
import { migration as m0003 } from './0003_create_jobs.ts';
import { migration as m0004 } from './0004_create_search_index.ts';
import { migration as m0005 } from './0005_create_constituencies.ts';
import { migration as m0006 } from './0006_create_taxonomy_types.ts';
import { migration as m0007 } from './0007_create_reports.ts';
import { migration as m0008 } from './0008_create_incidents.ts';
import { migration as m0009 } from './0009_create_incident_classifications.ts';
import { migration as m0010 } from './0010_add_incident_sla.ts';
import { migration as m0011 } from './0011_create_incident_assignees.ts';
import { migration as m0012 } from './0012_create_incident_relations.ts';
import { migration as m0013 } from './0013_add_incident_verification.ts';
import { migration as m0014 } from './0014_add_report_sources.ts';
import { migration as m0015 } from './0015_add_report_severity_and_observables.ts';
import { migration as m0016 } from './0016_create_fingerprint_rules.ts';
import { migration as m0017 } from './0017_create_search_rowids.ts';
import { migration as m0018 } from './0018_create_webhook_sources.ts';
import { migration as m0019 } from './0019_create_data_keys_and_report_files.ts';
import { migration as m0020 } from './0020_create_communications_and_mailboxes.ts';
import { migration as m0021 } from './0021_create_correlation_rules.ts';
import { migration as m0022 } from './0022_create_tasks.ts';
import { migration as m0023 } from './0023_create_playbooks.ts';
import { migration as m0024 } from './0024_create_task_checks.ts';
import { migration as m0025 } from './0025_create_evidence.ts';
import { migration as m0026 } from './0026_create_message_templates.ts';
import { migration as m0027 } from './0027_create_incident_observables.ts';
import { migration as m0028 } from './0028_create_incident_notes.ts';
import { migration as m0029 } from './0029_create_lessons.ts';
import { migration as m0030 } from './0030_add_archive_and_search.ts';
import { migration as m0031 } from './0031_create_retention.ts';
import { migration as m0032 } from './0032_create_report_templates.ts';
import { migration as m0033 } from './0033_add_closure_notices.ts';
import { migration as m0034 } from './0034_add_incident_closed_index.ts';
import { migration as m0035 } from './0035_add_incident_facts.ts';
import { migration as m0036 } from './0036_add_search_order.ts';
import { migration as m0037 } from './0037_add_zeek_fingerprint_rule.ts';

/** Every migration in order. Never edit a landed one; add the next number. */
export const migrations: Record<string, FirebreakMigration> = {
  '0001_create_users': m0001,
  '0002_create_audit_events': m0002,
  '0003_create_jobs': m0003,
  '0004_create_search_index': m0004,
  '0005_create_constituencies': m0005,
  '0006_create_taxonomy_types': m0006,
  '0007_create_reports': m0007,
  '0008_create_incidents': m0008,
  '0009_create_incident_classifications': m0009,
  '0010_add_incident_sla': m0010,
  '0011_create_incident_assignees': m0011,
  '0012_create_incident_relations': m0012,
  '0013_add_incident_verification': m0013,
  '0014_add_report_sources': m0014,
  '0015_add_report_severity_and_observables': m0015,
  '0016_create_fingerprint_rules': m0016,
  '0017_create_search_rowids': m0017,
  '0018_create_webhook_sources': m0018,
  '0019_create_data_keys_and_report_files': m0019,
  '0020_create_communications_and_mailboxes': m0020,
  '0021_create_correlation_rules': m0021,
  '0022_create_tasks': m0022,
  '0023_create_playbooks': m0023,
  '0024_create_task_checks': m0024,
  '0025_create_evidence': m0025,
  '0026_create_message_templates': m0026,
  '0027_create_incident_observables': m0027,
  '0028_create_incident_notes': m0028,
  '0029_create_lessons': m0029,
  '0030_add_archive_and_search': m0030,
  '0031_create_retention': m0031,
  '0032_create_report_templates': m0032,
  '0033_add_closure_notices': m0033,
  '0034_add_incident_closed_index': m0034,
  '0035_add_incident_facts': m0035,
  '0036_add_search_order': m0036,
  '0037_add_zeek_fingerprint_rule': m0037,
};
