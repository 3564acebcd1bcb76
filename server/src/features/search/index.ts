export { searchRoutes } from './search.routes.ts';
export { createSearchService, type SearchService } from './search.service.ts';
export { createSearchStore, type SearchStore } from './search.store.ts';
