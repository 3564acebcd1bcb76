export { communicationRoutes } from './communication.routes.ts';
export {
  createCommunicationService,
  type CommunicationService,
  type InboundMessage,
} from './communication.service.ts';
export {
  createCommunicationStore,
  type CommunicationStore,
  type ThreadTarget,
} from './communication.store.ts';
export { composeRoutes } from './communication-compose.routes.ts';
export { createComposeService, type ComposeService } from './communication-compose.service.ts';
export { createComposeStore } from './communication-compose.store.ts';
export { communicationJobs } from './communication-send.job.ts';
export { messageTemplateRoutes } from './message-template.routes.ts';
export { createMessageTemplateService, type MessageTemplateService } from './message-template.service.ts';
export { createMessageTemplateStore } from './message-template.store.ts';
export { createComposeFeature } from './communication-compose.feature.ts';
export { createCommunicationsFeature } from './communications.feature.ts';
export { variablesIn } from './message-template.rules.ts';
