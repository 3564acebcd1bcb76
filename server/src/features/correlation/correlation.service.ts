import type { Logger } from 'pino';
import type { ReportSuggestions, SuggestionCounts } from '#contracts/correlation.ts';
import type { CorrelationRule } from '#contracts/correlation-rules.ts';
import type { ExtractedObservable } from '#contracts/observables.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/http/domain-error.ts';
import type { IncidentLinksService } from '../incidents/index.ts';
import { OPEN_PHASES } from '../incidents/index.ts';
import type { ReportService } from '../reports/index.ts';
import type { CorrelationRuleStore } from './correlation-rule.store.ts';
import {
  observableKey,
  pickIncident,
  ruleApplies,
  suggestionsFrom,
  tellsNothing,
  windowAround,
  type Window,
} from './correlation.rules.ts';
import type { CorrelationStore } from './correlation.store.ts';

export const AUTO_LINK = 'correlation.auto_link';

/**
 * Observables more reports carry than this (the team's own domain, a sinkhole, a mailing's sender)
 * say nothing about which case a report belongs to, and would make every suggestion cost a scan of
 * thousands of rows: suggestions leave them out. Rules do not (they start from open incidents).
 */
export const COMMON_OBSERVABLE_REPORTS = 500;
const SIMILAR_SHOWN = 20;
/** Reports of open incidents a rule compares a new report with, at most. */
const LINKED_COMPARED = 5000;

export interface CorrelationServiceDeps {
  handle: DatabaseHandle;
  rules: CorrelationRuleStore;
  store: CorrelationStore;
  reports: Pick<ReportService, 'get'>;
  links: Pick<IncidentLinksService, 'linkReports'>;
}

/** Which incidents and reports a report probably belongs with; auto-linking by the admins' rules. */
export function createCorrelationService({ handle, rules, store, reports, links }: CorrelationServiceDeps) {
  const { db } = handle;
  const system = systemActor('correlation');

  /** The observables of these reports that are rare enough to tell a case, per report. */
  async function telling(ids: string[]): Promise<Map<string, ExtractedObservable[]>> {
    const all = await store.observablesOf(db, ids);
    const distinct = [
      ...new Map(all.map((o) => [observableKey(o), { type: o.type, value: o.value }])).values(),
    ];
    const common = new Set(
      [...(await store.common(db, distinct, COMMON_OBSERVABLE_REPORTS))].map(observableKey),
    );
    const out = new Map<string, ExtractedObservable[]>(ids.map((id) => [id, []]));
    for (const o of all)
      if (!common.has(observableKey(o)) && !tellsNothing(o))
        out.get(o.reportId)!.push({ type: o.type, value: o.value });
    return out;
  }

  /** For each report (visible to the actor, with its window): what it probably belongs with. */
  async function suggest(actor: Actor, subjects: { id: string; window: Window }[]) {
    const tell = await telling(subjects.map((s) => s.id));
    const wanted = [...new Map([...tell.values()].flat().map((o) => [observableKey(o), o])).values()];
    const span = {
      from: subjects.reduce(
        (a, s) => (s.window.from < a ? s.window.from : a),
        subjects[0]?.window.from ?? '',
      ),
      to: subjects.reduce((a, s) => (s.window.to > a ? s.window.to : a), ''),
    };
    const rows = await store.sharing(db, actor.scope, wanted, span);
    return subjects.map((s) => {
      const mine = new Set(tell.get(s.id)!.map(observableKey));
      const own = rows.filter((r) => mine.has(observableKey(r.observable)));
      return { id: s.id, ...suggestionsFrom(own, s, OPEN_PHASES, SIMILAR_SHOWN) };
    });
  }

  /** Open incidents and recent reports sharing observables with the report; 404 when not yours. */
  async function suggestions(actor: Actor, reportId: string, days: number): Promise<ReportSuggestions> {
    const report = await reports.get(actor, reportId);
    const window = windowAround(report.receivedAt, report.lastSeenAt, days * 24);
    const [found] = await suggest(actor, [{ id: reportId, window }]);
    return { items: found!.items, reports: found!.reports };
  }

  /** Per report of an inbox page: how many incidents and recent reports are suggested. Unseen ids are left out. */
  async function counts(actor: Actor, ids: string[], days: number): Promise<SuggestionCounts> {
    const visible = await store.visible(db, actor.scope, ids);
    const found = await suggest(
      actor,
      visible.map((r) => ({ id: r.id, window: windowAround(r.receivedAt, r.lastSeenAt, days * 24) })),
    );
    return { items: found.map((f) => ({ id: f.id, incidents: f.items.length, reports: f.reports.length })) };
  }

  /** The open incident the first matching rule finds for a report still new, if any. */
  async function matchFor(id: string, enabled: CorrelationRule[]) {
    const subject = await store.subject(db, id);
    if (!subject || subject.status !== 'new') return null;
    for (const rule of enabled) {
      if (!ruleApplies(rule, subject)) continue;
      const window = windowAround(subject.receivedAt, subject.lastSeenAt, rule.windowHours);
      const constituency = rule.sameConstituency ? subject.constituencyId : null;
      const linked = await store.linkedInWindow(db, OPEN_PHASES, window, constituency, LINKED_COMPARED);
      if (!linked.length) continue;
      const mine = new Set(
        (await store.observablesOf(db, [id], rule.observableTypes))
          .filter((o) => !tellsNothing(o))
          .map(observableKey),
      );
      const theirs = await store.observablesOf(
        db,
        linked.map((l) => l.reportId),
        rule.observableTypes,
      );
      const key = pickIncident(linked, theirs, mine, rule.minShared);
      if (key) return { key, rule };
    }
    return null;
  }

  /** Links each report still new to the incident its first matching rule finds; returns how many. */
  async function autoLink(reportIds: string[], log: Logger): Promise<number> {
    const enabled = (await rules.list(db)).filter((r) => r.enabled);
    let linked = 0;
    for (const id of reportIds) {
      const match = enabled.length ? await matchFor(id, enabled) : null;
      if (!match) continue;
      try {
        const note = `auto-linked by correlation rule “${match.rule.name}”`;
        await links.linkReports(system, match.key, { reportIds: [id] }, note);
        linked++;
      } catch (error) {
        // A handler linked or discarded it meanwhile: theirs is the decision that stands.
        if (!(error instanceof DomainError)) throw error;
        log.info({ reportId: id, incident: match.key, code: error.code }, 'report not auto-linked');
      }
    }
    return linked;
  }

  return { suggestions, counts, autoLink };
}

export type CorrelationService = ReturnType<typeof createCorrelationService>;
