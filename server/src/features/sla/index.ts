export { CHECK_SLA, slaJobs, slaSchedules } from './sla.job.ts';
export { dueAt, slaDeadlines, type BusinessCalendar, type SlaPolicy } from './sla.rules.ts';
export { createSlaService, INCIDENT_SLA, type SlaService } from './sla.service.ts';
export { slaOf, type SlaColumns } from './sla.store.ts';
