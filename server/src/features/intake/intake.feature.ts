import type { ZodApp } from '../../platform/http/app.ts';
import type { Runtime } from '../../platform/runtime.ts';
import type { ReportFeedService, ReportService } from '../reports/index.ts';
import { createEmailFeature, type EmailFeatureDeps } from './email/index.ts';
import { createFingerprintRuleService } from './fingerprint-rule.service.ts';
import { createFingerprintRuleStore } from './fingerprint-rule.store.ts';
import { fingerprintRuleRoutes } from './fingerprint-rule.routes.ts';
import { createReportFormService, reportFormRoutes } from './form/index.ts';
import { createTelemetryService } from './telemetry.service.ts';
import { telemetryRoutes } from './telemetry.routes.ts';
import { theHiveAlertRoutes } from './thehive-alert.routes.ts';
import { createTheHiveAlertService } from './thehive-alert.service.ts';
import { createWebhookSourceService } from './webhook-source.service.ts';
import { createWebhookSourceStore } from './webhook-source.store.ts';
import { createWebhookService } from './webhook.service.ts';
import { webhookIntakeRoutes, webhookSourceRoutes } from './webhook.routes.ts';

export interface IntakeFeatureDeps extends Omit<EmailFeatureDeps, 'reports'> {
  runtime: Runtime;
  reports: ReportService;
  feed: ReportFeedService;
}

/** Every channel reports come in by: TheHive alerts, telemetry, webhooks, the public form and e-mail. */
export function createIntakeFeature(deps: IntakeFeatureDeps) {
  const { runtime, reports, feed } = deps;
  const { handle, audit, config, now } = runtime;
  const formLimits = {
    maxAttachments: config.reportFormMaxAttachments,
    maxTotalBytes: config.reportFormMaxBytes,
  };
  const reportForm = createReportFormService({ reports, limits: formLimits });
  const theHiveAlerts = createTheHiveAlertService({ reports, now, v1Tlp: config.theHiveV1Tlp });
  const fingerprintRules = createFingerprintRuleService({
    handle,
    audit,
    store: createFingerprintRuleStore(),
    now,
  });
  const telemetry = createTelemetryService({ feed, rules: fingerprintRules, now });
  const webhookSources = createWebhookSourceService({
    handle,
    audit,
    store: createWebhookSourceStore(),
    now,
  });
  const webhooks = createWebhookService({ sources: webhookSources, telemetry, now });
  const email = createEmailFeature({ ...deps, reports });

  function routes(app: ZodApp): void {
    reportFormRoutes(app, reportForm, {
      enabled: config.reportForm,
      limits: formLimits,
      perHour: config.reportFormPerHour,
      publicUrl: config.publicUrl,
    });
    theHiveAlertRoutes(app, theHiveAlerts);
    telemetryRoutes(app, telemetry);
    fingerprintRuleRoutes(app, fingerprintRules);
    webhookSourceRoutes(app, webhookSources);
    webhookIntakeRoutes(app, webhooks);
    email.routes(app);
  }

  return {
    formLimits,
    routes,
    email,
    telemetry,
    jobHandlers: email.jobHandlers,
    schedules: email.schedules,
  };
}
