import type { ZodApp } from '../../platform/http/app.ts';
import { createMailer } from '../../platform/mail/mailer.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { ConstituencyService } from '../constituencies/index.ts';
import type { IncidentChanges, IncidentStore } from '../incidents/index.ts';
import { composeRoutes } from './communication-compose.routes.ts';
import { createComposeService } from './communication-compose.service.ts';
import { createComposeStore } from './communication-compose.store.ts';
import { communicationJobs } from './communication-send.job.ts';
import type { CommunicationService } from './communication.service.ts';
import type { CommunicationStore } from './communication.store.ts';
import { messageTemplateRoutes } from './message-template.routes.ts';
import { createMessageTemplateService } from './message-template.service.ts';
import { createMessageTemplateStore } from './message-template.store.ts';

export interface ComposeFeatureDeps {
  runtime: Runtime;
  communications: CommunicationService;
  store: CommunicationStore;
  incidents: IncidentStore;
  changes: IncidentChanges;
  constituencies: ConstituencyService;
}

/** Outbound messages: templates (admin), compose, preview and the job that sends. */
export function createComposeFeature({
  runtime,
  communications,
  store,
  incidents,
  changes,
  constituencies,
}: ComposeFeatureDeps) {
  const { handle, audit, events, jobs, blobs, config, now } = runtime;
  const mailer = createMailer(config.mailRelayUrl, config.mailFrom);
  const templateStore = createMessageTemplateStore();
  const templates = createMessageTemplateService({ handle, audit, store: templateStore, now });
  const compose = createComposeService({
    handle,
    events,
    jobs,
    blobs,
    incidents,
    changes,
    constituencies,
    templates: templateStore,
    store: createComposeStore(),
    threads: store,
    communications,
    mailer,
    team: config.acknowledgement.team,
    now,
  });
  return {
    templates,
    compose,
    jobHandlers: communicationJobs({ handle, blobs, events, store, incidents, mailer, now }),
    routes(app: ZodApp) {
      messageTemplateRoutes(app, templates);
      composeRoutes(app, compose);
    },
  };
}
