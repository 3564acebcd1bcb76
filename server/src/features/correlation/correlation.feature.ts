import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import { correlationRuleRoutes } from './correlation-rule.routes.ts';
import { createCorrelationRuleService } from './correlation-rule.service.ts';
import type { CorrelationRuleStore } from './correlation-rule.store.ts';
import { correlationJobs } from './correlation.jobs.ts';
import { correlationRoutes } from './correlation.routes.ts';
import { createCorrelationService, type CorrelationServiceDeps } from './correlation.service.ts';
import { createCorrelationStore } from './correlation.store.ts';

export interface CorrelationFeatureDeps extends Pick<CorrelationServiceDeps, 'reports' | 'links'> {
  runtime: Runtime;
  /** Built before the reports: a new report asks it whether any auto-link rule is on. */
  rules: CorrelationRuleStore;
}

/** Suggestions of where a report belongs, and the admins' rules that link reports automatically. */
export function createCorrelationFeature({ runtime, rules, reports, links }: CorrelationFeatureDeps) {
  const { handle, audit, now } = runtime;
  const ruleService = createCorrelationRuleService({ handle, audit, store: rules, now });
  const service = createCorrelationService({
    handle,
    rules,
    store: createCorrelationStore(),
    reports,
    links,
  });
  return {
    service,
    jobHandlers: correlationJobs(service),
    routes(app: ZodApp) {
      correlationRuleRoutes(app, ruleService);
      correlationRoutes(app, service);
    },
  };
}
