export {
  extractObservables,
  hostCandidates,
  isIpAddress,
  normaliseAsn,
  normaliseCidr,
  normaliseDomain,
  normaliseIp,
  refang,
} from './observable-extraction.rules.ts';
export { hashTypeOf, normaliseObservable } from './observable-normalisation.rules.ts';
export { observableRoutes } from './observable.routes.ts';
export { createObservablesFeature } from './observables.feature.ts';
export { INCIDENT_OBSERVABLES_CHANGED } from './incident-observable.service.ts';
export type { ObservableAnalyzer, AnalyzerContext, AnalyzerResult } from './observable-analyzer.ts';
