import type { Generated } from 'kysely';

/**
 * The database schema as Kysely sees it; it mirrors `server/src/migrations`.
 * Timestamps are ISO-8601 UTC strings on both dialects (timestamptz on PostgreSQL is parsed back to ISO).
 * JSON columns hold serialised text; booleans are 0/1 integers so both dialects agree.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  search_documents: SearchDocumentsTable;
  constituencies: ConstituenciesTable;
  constituency_assets: ConstituencyAssetsTable;
  constituency_contacts: ConstituencyContactsTable;
  taxonomy_types: TaxonomyTypesTable;
  reports: ReportsTable;
  report_observables: ReportObservablesTable;
  incident_counters: IncidentCountersTable;
  incidents: IncidentsTable;
  incident_reports: IncidentReportsTable;
  incident_timeline: IncidentTimelineTable;
  incident_classifications: IncidentClassificationsTable;
  incident_assignees: IncidentAssigneesTable;
  incident_relations: IncidentRelationsTable;
  fingerprint_rules: FingerprintRulesTable;
  correlation_rules: CorrelationRulesTable;
  webhook_sources: WebhookSourcesTable;
  data_keys: DataKeysTable;
  report_files: ReportFilesTable;
  communications: CommunicationsTable;
  task_cycles: TaskCyclesTable;
  tasks: TasksTable;
  task_approvals: TaskApprovalsTable;
  task_checks: TaskChecksTable;
  playbooks: PlaybooksTable;
  playbook_types: PlaybookTypesTable;
  playbook_items: PlaybookItemsTable;
  message_templates: MessageTemplatesTable;
  mail_message_ids: MailMessageIdsTable;
  mail_receipts: MailReceiptsTable;
  mailboxes: MailboxesTable;
  evidence_items: EvidenceItemsTable;
  evidence_custody: EvidenceCustodyTable;
  incident_notes: IncidentNotesTable;
  incident_analyses: IncidentAnalysesTable;
  incident_lessons: IncidentLessonsTable;
  incident_follow_ups: IncidentFollowUpsTable;
  incident_observables: IncidentObservablesTable;
  observable_blocklists: ObservableBlocklistsTable;
  observable_blocklist_entries: ObservableBlocklistEntriesTable;
  observable_enrichments: ObservableEnrichmentsTable;
  report_templates: ReportTemplatesTable;
  retention_policies: RetentionPoliciesTable;
  incident_retention: IncidentRetentionTable;
  incident_tombstones: IncidentTombstonesTable;
}

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  /** JSON array of constituency ids, or null for every constituency. */
  scope_constituencies: string | null;
  tlp_ceiling: string;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
  /** 1 when the handler takes new incidents (automatic assignment). */
  available: number;
  /** JSON array of taxonomy class or type ids the handler specialises in. */
  specialisations: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value; the value itself is never stored. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
  ip: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditEventsTable {
  seq: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  /** JSON object with the details of the change (before/after). */
  data: string;
  prev_hash: string;
  hash: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  status: 'queued' | 'running' | 'done' | 'dead';
  run_at: string;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  last_error: string | null;
  /** Optional de-duplication key: only one unfinished job per key. */
  dedupe_key: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobSchedulesTable {
  name: string;
  cron: string;
  kind: string;
  payload: string;
  next_run_at: string;
  last_run_at: string | null;
}

/** PostgreSQL full-text index; on SQLite the same rows live in the FTS5 table `search_fts`. */
export interface SearchDocumentsTable {
  kind: string;
  ref_id: string;
  body: string;
}

export interface ConstituenciesTable {
  id: string;
  name: string;
  criticality: string;
  description: string;
  /** Optimistic concurrency: every update must name the version it read. */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ConstituencyAssetsTable {
  constituency_id: string;
  kind: string;
  /** Normalised: network address/prefix, lower-case domain, `AS64500`, lower-case keyword. */
  value: string;
  position: number;
}

export interface ConstituencyContactsTable {
  constituency_id: string;
  position: number;
  name: string;
  role: string;
  email: string;
  language: string;
  audience: string;
  pgp_key: string;
  may_disclose: number;
}

export interface TaxonomyTypesTable {
  /** `class/type`, e.g. `fraud/phishing`. */
  id: string;
  class: string;
  class_label: string;
  type: string;
  type_label: string;
  description: string;
  source: 'rsit' | 'custom';
  created_at: string;
}

export interface ReportsTable {
  id: string;
  channel: string;
  reporter_kind: string;
  reporter_name: string;
  reporter_contact: string;
  reporter_trust: string;
  received_at: string;
  title: string;
  body: string;
  /** The submission exactly as received; never changed after registration. */
  raw: string;
  raw_sha256: string;
  tlp: string;
  pap: string;
  status: string;
  discard_reason: string | null;
  discard_note: string | null;
  constituency_id: string | null;
  /** JSON of the asset that matched the constituency. */
  matched_by: string | null;
  /** The sending tool, mailbox or `manual`. */
  source: string;
  /** The source's own id of the report; a repeat of (source, source_ref) is counted, not stored. */
  source_ref: string | null;
  seen_count: number;
  last_seen_at: string | null;
  /** The sender's estimate (low … critical), or null. */
  severity: string | null;
  /** SHA-256 of the fields its source's fingerprint rule names; repeats within the window are counted on it. */
  fingerprint: string | null;
  /** JSON array of what a parser could not read, or null. */
  parse_warnings: string | null;
  /** Short reference for the submitter (public report form), e.g. `R-7K3M9-QXD2H`. */
  public_ref: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A data key wrapped by the master key; `wrapped_key` is emptied when the key is destroyed. */
export interface DataKeysTable {
  id: string;
  /** e.g. `reports:2026-05`; one live key per purpose. */
  purpose: string;
  wrapped_key: string;
  created_at: string;
  destroyed_at: string | null;
}

/** A report's raw submission or attachment, stored as an encrypted blob under `key_id`. */
export interface ReportFilesTable {
  report_id: string;
  position: number;
  role: 'raw' | 'attachment';
  filename: string;
  content_type: string;
  size: number;
  /** SHA-256 of the plaintext: the blob's address. */
  sha256: string;
  key_id: string;
}

export interface ReportObservablesTable {
  report_id: string;
  type: string;
  value: string;
  /** `sent` when the sender listed it, `extracted` when found in the report's text. */
  origin: string;
}

/** The last incident number handed out per year, for keys like FB-2026-00042. */
export interface IncidentCountersTable {
  year: number;
  last: number;
}

export interface IncidentsTable {
  id: string;
  key: string;
  title: string;
  summary: string;
  phase: string;
  severity: string | null;
  /** Effective priority: the override when set, else the matrix cell. */
  priority: string | null;
  priority_override: string | null;
  priority_override_reason: string | null;
  constituency_id: string | null;
  tlp: string;
  pap: string;
  outcome: string | null;
  closing_summary: string | null;
  closed_at: string | null;
  /** SLA clocks (null without a priority): warning and due times, and when each was reached. */
  response_warn_at: string | null;
  response_due_at: string | null;
  resolution_warn_at: string | null;
  resolution_due_at: string | null;
  /** First response: the incident left triage or was taken or assigned. */
  responded_at: string | null;
  response_warned_at: string | null;
  resolution_warned_at: string | null;
  response_breached_at: string | null;
  resolution_breached_at: string | null;
  /** The surviving incident when this one was merged into it. */
  merged_into_id: string | null;
  /** When and by whom triage confirmed it is a real incident. */
  verified_at: string | null;
  verified_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
  /**
   * Facts the dashboards group and count by (0035), written only by the incidents feature's facts
   * helper (optional here: a new incident starts without them). Class of the latest classification:
   */
  current_class?: string | null;
  /** The lead, else the first handler assigned. */
  current_handler_id?: string | null;
  /** Phase changes from closed back to open. */
  reopen_count?: number;
}

export interface IncidentReportsTable {
  incident_id: string;
  report_id: string;
  linked_at: string;
}

export interface IncidentTimelineTable {
  id: string;
  incident_id: string;
  at: string;
  actor: string;
  kind: string;
  text: string;
  /** JSON `{ before, after }` for changes. */
  change: string | null;
  event_time: string | null;
  discovery_time: string | null;
}

export interface IncidentClassificationsTable {
  id: string;
  incident_id: string;
  stage: string;
  type_id: string;
  note: string;
  actor: string;
  at: string;
}

export interface IncidentAssigneesTable {
  incident_id: string;
  user_id: string;
  role: 'lead' | 'handler';
  assigned_by: string;
  assigned_at: string;
}

export interface IncidentRelationsTable {
  incident_id: string;
  related_id: string;
  note: string;
  created_by: string;
  created_at: string;
}

/** Per telemetry source: which event fields make a fingerprint, and the window that groups repeats. */
export interface FingerprintRulesTable {
  source: string;
  /** JSON array of dotted field paths. */
  fields: string;
  window_seconds: number;
  updated_at: string;
  updated_by: string;
}

/** Admin rules linking a new report to an open incident by itself (features/correlation). */
export interface CorrelationRulesTable {
  id: string;
  name: string;
  enabled: number;
  /** JSON array of observable types. */
  observable_types: string;
  window_hours: number;
  same_constituency: number;
  min_shared: number;
  /** Only reports of this source; null for all. */
  source: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface WebhookSourcesTable {
  source: string;
  /** JSON of the field mapping (contracts WebhookMapping). */
  mapping: string;
  auth_kind: 'token' | 'hmac';
  /** SHA-256 (hex) of the source's token. */
  token_hash: string | null;
  token_prefix: string | null;
  /** Lower-case header carrying the signature. */
  hmac_header: string | null;
  hmac_prefix: string | null;
  /** The HMAC secret in clear: verifying needs it, and there is no encryption key to wrap it with yet. */
  hmac_secret: string | null;
  /** JSON of the fingerprint rule (fields, windowSeconds), or null. */
  fingerprint: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** A message to or from a party, on an incident or, before there is one, on a report. */
export interface CommunicationsTable {
  id: string;
  incident_id: string | null;
  report_id: string | null;
  direction: 'inbound' | 'outbound';
  channel: 'email';
  /** Without angle brackets. */
  message_id: string | null;
  from_address: string;
  from_name: string;
  /** JSON array of addresses. */
  to_addresses: string;
  subject: string;
  body: string;
  raw_sha256: string | null;
  /** Data key of the raw message's blob; null for what we sent. */
  raw_key_id: string | null;
  /** 1 for auto-replies, bounces and acknowledgements. */
  automated: number;
  /** queued | sent | failed | received */
  status: string;
  at: string;
  created_by: string;
  /** 1 when the message left OpenPGP-encrypted (0026). */
  encrypted: Generated<number>;
}

export interface MailMessageIdsTable {
  message_id: string;
  report_id: string | null;
  incident_id: string | null;
  created_at: string;
}

export interface MailReceiptsTable {
  raw_sha256: string;
  /** JSON of what the message became (contracts EmailOutcome). */
  outcome: string;
  received_at: string;
}

export interface MailboxesTable {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  username: string;
  password_sealed: string;
  folder: string;
  processed_folder: string;
  enabled: number;
  last_polled_at: string | null;
  last_error: string | null;
  last_count: number | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
}

/** An observable kept on the incident itself (features/observables). */
export interface IncidentObservablesTable {
  id: string;
  incident_id: string;
  type: string;
  value: string;
  /** JSON array of tags. */
  tags: string;
  ioc: number;
  tlp: string;
  /** `manual`, `extracted` (pasted text) or `report` (taken over from a linked report). */
  source: string;
  added_by: string;
  added_at: string;
  updated_at: string;
}

export interface ObservableBlocklistsTable {
  id: string;
  name: string;
  description: string;
  entry_count: number;
  updated_at: string;
  updated_by: string;
}

export interface ObservableBlocklistEntriesTable {
  list_id: string;
  type: string;
  value: string;
  /** IPs and netblocks: first and last address as 32 hex digits (IPv4 mapped into IPv6). */
  range_start: string | null;
  range_end: string | null;
}

export interface ObservableEnrichmentsTable {
  incident_id: string;
  type: string;
  value: string;
  analyzer: string;
  /** Digest of the reader's scope: correlation names only what that scope may see. */
  scope_key: string;
  verdict: string;
  summary: string;
  /** JSON. */
  details: string;
  analyzed_at: string;
  expires_at: string;
}

export interface IncidentNotesTable {
  id: string;
  incident_id: string;
  /** Markdown, rendered sanitised by the web app. */
  body: string;
  /** Null: the incident's marking applies. */
  tlp: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  deleted_by: string | null;
  deleted_at: string | null;
  version: number;
}

export interface IncidentAnalysesTable {
  incident_id: string;
  root_cause: string;
  /** JSON array of affected assets. */
  assets: string;
  /** JSON impact object. */
  impact: string;
  updated_by: string;
  updated_at: string;
  version: number;
}

/** Lessons learned of an incident (0029). */
export interface IncidentLessonsTable {
  incident_id: string;
  went_well: string;
  went_badly: string;
  detection: string;
  response: string;
  organisation: string;
  updated_by: string;
  updated_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  version: number;
}

/** Improvement proposals and remediation items of an incident (0029). */
export interface IncidentFollowUpsTable {
  id: string;
  incident_id: string;
  kind: 'improvement' | 'remediation';
  title: string;
  description: string;
  owner_id: string | null;
  /** `YYYY-MM-DD`. */
  due_date: string | null;
  status: string;
  playbook_id: string | null;
  procedure: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  version: number;
}

/** A message template per taxonomy type (null: any) × audience × language (0026). */
export interface MessageTemplatesTable {
  id: string;
  name: string;
  type_id: string | null;
  audience: string;
  language: string;
  subject: string;
  body: string;
  created_at: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface TaskCyclesTable {
  incident_id: string;
  number: number;
  started_at: string;
  started_by: string;
}

export interface TasksTable {
  id: string;
  incident_id: string;
  cycle: number;
  /** The cycle the task was created in; `cycle` moves on when it is carried over. */
  origin_cycle: number;
  title: string;
  description: string;
  step: string;
  party_kind: string;
  party_name: string;
  party_user_id: string | null;
  owner_id: string | null;
  due_at: string | null;
  status: string;
  requires_approval: number;
  /** JSON array of user ids. */
  approver_ids: string;
  /** pending | approved | rejected; null when no approval is required. */
  approval: string | null;
  verification_method: string | null;
  verification_note: string | null;
  verified_by: string | null;
  verified_at: string | null;
  playbook_item_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An automatic check on a task (0024): whether a performed action worked. */
export interface TaskChecksTable {
  id: string;
  task_id: string;
  incident_id: string;
  /** observable_reappears | url_answers | url_content_changed | tcp_port_open */
  kind: string;
  target: string;
  observable_type: string | null;
  expectation: string;
  interval_minutes: number;
  /** SHA-256 of the content when armed (url_content_changed). */
  baseline: string | null;
  armed_at: string;
  armed_by: string;
  next_run_at: string;
  last_run_at: string | null;
  /** pass | fail | error */
  last_result: string | null;
  last_detail: string | null;
}

export interface TaskApprovalsTable {
  id: string;
  task_id: string;
  decision: string;
  reason: string;
  actor_id: string | null;
  actor_label: string;
  at: string;
}

export interface PlaybooksTable {
  id: string;
  name: string;
  description: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

export interface PlaybookTypesTable {
  taxonomy_id: string;
  playbook_id: string;
}

export interface PlaybookItemsTable {
  id: string;
  playbook_id: string;
  position: number;
  title: string;
  step: string;
  party_kind: string;
  requires_approval: number;
  description: string;
}

/** A file acquired for an incident, an encrypted streamed blob under the incident's data key (0025). */
export interface EvidenceItemsTable {
  id: string;
  incident_id: string;
  filename: string;
  content_type: string;
  size: number | string;
  sha256: string;
  sha1: string;
  md5: string;
  key_id: string;
  tlp: string;
  acquired_by: string;
  acquired_at: string;
  source: string;
  method: string;
  tool: string;
  tool_version: string | null;
  description: string;
  created_by: string;
  created_at: string;
}

/** One entry of an evidence item's hash-chained custody log (0025). */
export interface EvidenceCustodyTable {
  evidence_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  /** JSON object. */
  data: string;
  prev_hash: string;
  hash: string;
}

/** Layout and intro/outro text of a generated report kind (0032, features/reporting). */
export interface ReportTemplatesTable {
  kind: string;
  title: string;
  /** JSON array of section names, in print order. */
  sections: string;
  intro: string;
  outro: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** Archive and destroy periods for a class/type and constituency; null matches any (0031). */
export interface RetentionPoliciesTable {
  id: string;
  name: string;
  taxonomy_class: string | null;
  type_id: string | null;
  constituency_id: string | null;
  archive_after_days: number | null;
  destroy_after_months: number | null;
  created_at: string;
  updated_at: string;
  updated_by: string;
  version: number;
}

/** An incident's retention state: archived by policy, legal hold (0031). */
export interface IncidentRetentionTable {
  incident_id: string;
  archived_at: string | null;
  hold_reason: string | null;
  hold_by: string | null;
  hold_at: string | null;
}

/** What is left of a destroyed incident (0031). */
export interface IncidentTombstonesTable {
  incident_id: string;
  incident_key: string;
  type_id: string | null;
  constituency_id: string | null;
  tlp: string;
  outcome: string | null;
  opened_at: string;
  closed_at: string | null;
  destroyed_at: string;
  destroyed_by: string;
  policy_id: string | null;
  policy_name: string;
  /** JSON. */
  hashes: string;
  /** JSON. */
  counts: string;
  /** JSON array of shredded data key ids. */
  key_ids: string;
}
