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
export { normaliseObservable } from './observable-normalisation.rules.ts';
export { observableRoutes } from './observable.routes.ts';
