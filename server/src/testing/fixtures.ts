import { createCommunicationStore } from '../features/communications/index.ts';
import type { TestApp } from './test-app.ts';

/** An inbound e-mail filed straight onto an incident (indexed for search), as the mail intake would. */
export async function insertInboundMail(
  t: TestApp,
  mail: { id: string; incidentId: string; subject: string; body: string; at?: string },
): Promise<void> {
  await createCommunicationStore(t.runtime.search).insert(t.runtime.handle.db, {
    id: mail.id,
    incident_id: mail.incidentId,
    report_id: null,
    direction: 'inbound',
    channel: 'email',
    message_id: null,
    from_address: 'soc@example.org',
    from_name: 'SOC',
    to_addresses: '[]',
    subject: mail.subject,
    body: mail.body,
    raw_sha256: null,
    raw_key_id: null,
    automated: 0,
    status: 'received',
    at: mail.at ?? new Date().toISOString(),
    created_by: 'test',
  });
}
