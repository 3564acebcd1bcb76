export { ConstituencyMatcher, type Match, type OwnedAsset } from './constituency-matcher.ts';
export { constituencyRoutes } from './constituency.routes.ts';
export { createConstituencyService, type ConstituencyService } from './constituency.service.ts';
export { createConstituencyStore } from './constituency.store.ts';
