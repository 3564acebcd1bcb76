export { theHiveAlertRoutes } from './thehive-alert.routes.ts';
export { createTheHiveAlertService, type TheHiveAlertService } from './thehive-alert.service.ts';
