/**
 * `crm-schema/runtime`: the customers business logic for application code. Loads node-appwrite and
 * the code generated from schema/ only (no SQLite, no HTTP server, no YAML parser); a test holds it
 * to that.
 */
export { createCustomerService, type CustomerService } from './service.js';
export type { CustomerServiceOptions } from './context.js';
export { CustomerServiceError, ValidationError, NotFoundError, ConflictError, ForbiddenError } from './errors.js';
export type { ValidationProblem, ConflictReason } from './errors.js';
export type { NewCustomerData, CreatedCustomer } from './customers/create.js';
export type { CustomerPatch } from './customers/update.js';
export type { JsonPatch } from './customers/json-columns.js';
export type { InteractionInput } from './customers/contact.js';
export type { Page, PageOptions } from './customers/queries.js';
export type { SearchOptions } from './customers/search.js';
export type { AdminService, CustomerFilter, ListOptions, SortField, BulkResult, GdprExport, ErasureReport } from './admin/service.js';
export { mapAppwriteError } from './error-mapping.js';
export { ADMIN_LABEL } from './caller.js';
export * from '../generated/schema-types.js';
