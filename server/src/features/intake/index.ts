export { createFingerprintRuleService, type FingerprintRuleService } from './fingerprint-rule.service.ts';
export { createFingerprintRuleStore } from './fingerprint-rule.store.ts';
export { fingerprintRuleRoutes } from './fingerprint-rule.routes.ts';
export { theHiveAlertRoutes } from './thehive-alert.routes.ts';
export { createTheHiveAlertService, type TheHiveAlertService } from './thehive-alert.service.ts';
export { createTelemetryService, type TelemetryService } from './telemetry.service.ts';
export { telemetryRoutes } from './telemetry.routes.ts';
