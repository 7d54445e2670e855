import type { Customer, CustomerStatus } from '../../generated/schema-types.js';
import type { ServiceContext } from '../context.js';
import { orderedPage, type Page, type PageOptions } from '../customers/queries.js';
import { bulkSet, type BulkResult } from './bulk.js';
import { exportCustomers, type ExportFormat } from './export.js';
import { filterQueries, type CustomerFilter, type SortField } from './filter.js';
import { gdprErase, gdprExport, type ErasureReport, type GdprExport } from './gdpr.js';

export type { BulkResult, CustomerFilter, ErasureReport, ExportFormat, GdprExport, SortField };

export interface ListOptions extends PageOptions {
  readonly sort?: SortField;
  readonly order?: 'asc' | 'desc';
}

/** The reference's admin use cases. Reads work with an admin JWT; bulk changes and erase need a key. */
export interface AdminService {
  listCustomers(filter?: CustomerFilter, options?: ListOptions): Promise<Page<Customer>>;
  bulkUpdateStatus(filter: CustomerFilter, newStatus: CustomerStatus, updatedBy: string, reason?: string): Promise<BulkResult>;
  bulkAssign(filter: CustomerFilter, assignedTo: string | null, updatedBy: string): Promise<BulkResult>;
  exportCustomers(filter: CustomerFilter, format: ExportFormat): AsyncIterable<string>;
  gdprExport(customerId: string): Promise<GdprExport>;
  gdprErase(customerId: string, erasedBy: string): Promise<ErasureReport>;
}

export function createAdminService(ctx: ServiceContext): AdminService {
  return {
    listCustomers: (filter = {}, options = {}) => {
      return orderedPage(ctx, filterQueries(filter), options.sort ?? 'name', options.order ?? 'asc', options, 25);
    },
    bulkUpdateStatus: (filter, newStatus, updatedBy, reason) =>
      bulkSet(ctx, filter, { field: 'status', value: newStatus, action: 'customer.status_changed', ...(reason === undefined ? {} : { reason }) }, updatedBy),
    bulkAssign: (filter, assignedTo, updatedBy) => bulkSet(ctx, filter, { field: 'assignedTo', value: assignedTo, action: 'customer.updated' }, updatedBy),
    exportCustomers: (filter, format) => exportCustomers(ctx, filter, format),
    gdprExport: (customerId) => gdprExport(ctx, customerId),
    gdprErase: (customerId, erasedBy) => gdprErase(ctx, customerId, erasedBy),
  };
}
