import type { CorrelationRule, CorrelationRuleInput } from '#contracts/correlation-rules.ts';
import type { ObservableType } from '#contracts/observables.ts';

export interface CorrelationRuleDraft {
  name: string;
  enabled: boolean;
  observableTypes: ObservableType[];
  windowHours: number | '';
  sameConstituency: boolean;
  minShared: number | '';
  /** Empty: every source. */
  source: string;
}

export const toRuleDraft = (rule: CorrelationRule | null): CorrelationRuleDraft =>
  rule
    ? { ...rule, source: rule.source ?? '' }
    : {
        name: '',
        enabled: true,
        observableTypes: ['ipv4', 'ipv6'],
        windowHours: 24,
        sameConstituency: true,
        minShared: 1,
        source: '',
      };

/** The rule as the API takes it; empty numbers are sent as 0 so the server names the problem. */
export const fromRuleDraft = (d: CorrelationRuleDraft): CorrelationRuleInput => ({
  name: d.name,
  enabled: d.enabled,
  observableTypes: d.observableTypes,
  windowHours: d.windowHours === '' ? 0 : d.windowHours,
  sameConstituency: d.sameConstituency,
  minShared: d.minShared === '' ? 0 : d.minShared,
  source: d.source.trim() || null,
});
