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
