import { Gauge, type Registry } from 'prom-client';
import type { QualityDashboard } from '#contracts/dashboards.ts';
import type { DashboardService } from './dashboard.service.ts';

// Several gauges collect on one scrape; they share one computation of the figures.
const SHARE_MS = 2_000;

/** The quality figures as gauges on `/metrics`, computed when Prometheus scrapes (all incidents, 30 days). */
export function registerDashboardMetrics(registry: Registry, dashboards: DashboardService): void {
  let latest: { at: number; figures: Promise<QualityDashboard> } | null = null;
  const figures = () => {
    if (!latest || Date.now() - latest.at > SHARE_MS) {
      latest = { at: Date.now(), figures: dashboards.forMetrics() };
    }
    return latest.figures;
  };
  const gauge = <L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    fill: (g: Gauge<L>, d: QualityDashboard) => void,
  ) =>
    new Gauge<L>({
      name: `firebreak_${name}`,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const d = await figures();
        this.reset();
        fill(this, d);
      },
    });

  gauge('incidents_open', 'Open incidents by priority and phase', ['priority', 'phase'], (g, d) => {
    for (const o of d.open) g.set({ priority: o.priority, phase: o.phase }, o.count);
  });
  gauge('incidents_backlog', 'Open incidents by age since opening', ['age'], (g, d) => {
    for (const b of d.backlog) g.set({ age: b.bucket }, b.count);
  });
  gauge(
    'sla_incidents',
    'Incidents of the last 30 days per SLA clock and state',
    ['clock', 'state'],
    (g, d) => {
      for (const s of d.sla) {
        for (const state of ['met', 'breached', 'pending', 'breachedOpen'] as const)
          g.set({ clock: s.clock, state: state === 'breachedOpen' ? 'breached_open' : state }, s[state]);
      }
    },
  );
  gauge('sla_compliance_ratio', 'Met / (met + breached) per SLA clock, last 30 days', ['clock'], (g, d) => {
    for (const s of d.sla) if (s.compliance !== null) g.set({ clock: s.clock }, s.compliance);
  });
  gauge(
    'incident_duration_seconds',
    'Time from opening to triage, acknowledgement and resolution, last 30 days',
    ['measure', 'quantile'],
    (g, d) => {
      for (const x of d.durations.filter((x) => x.by === 'all')) {
        g.set({ measure: x.measure, quantile: '0.5' }, x.medianSeconds);
        g.set({ measure: x.measure, quantile: '0.9' }, x.p90Seconds);
      }
    },
  );
  gauge(
    'incidents_reopen_ratio',
    'Share of incidents of the last 30 days closed and reopened',
    [],
    (g, d) => {
      if (d.reopen.rate !== null) g.set(d.reopen.rate);
    },
  );
  gauge(
    'incidents_closed_without_lessons',
    'Incidents closed in the last 30 days still waiting for their lessons-learned review',
    [],
    (g, d) => g.set(d.lessons.withoutLessons),
  );
}
