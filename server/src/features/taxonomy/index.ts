export { taxonomyRoutes } from './taxonomy.routes.ts';
export { createTaxonomyService, type TaxonomyService } from './taxonomy.service.ts';
