export { playbookRoutes } from './playbook.routes.ts';
export { createPlaybookService, type PlaybookService } from './playbook.service.ts';
export { createPlaybookStore, type PlaybookStore } from './playbook.store.ts';
