export { correlationRuleRoutes } from './correlation-rule.routes.ts';
export { createCorrelationRuleService, type CorrelationRuleService } from './correlation-rule.service.ts';
export { createCorrelationRuleStore, type CorrelationRuleStore } from './correlation-rule.store.ts';
export { autoLinkEnqueuer, correlationJobs } from './correlation.jobs.ts';
export { correlationRoutes } from './correlation.routes.ts';
export { AUTO_LINK, createCorrelationService, type CorrelationService } from './correlation.service.ts';
export { createCorrelationStore } from './correlation.store.ts';
export { createCorrelationFeature } from './correlation.feature.ts';
