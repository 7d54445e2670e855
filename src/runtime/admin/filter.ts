import { Query } from 'node-appwrite';
import type { CustomerSource, CustomerStatus } from '../../generated/schema-types.js';

/** The admin list's filters (the reference: "filter by status, assigned user, company, source"). */
export interface CustomerFilter {
  readonly status?: CustomerStatus | readonly CustomerStatus[];
  readonly assignedTo?: string;
  readonly company?: string;
  readonly source?: CustomerSource;
}

/** Sortable columns: each has an index in schema/customers.yaml. */
export type SortField = 'name' | 'company' | 'lastContactAt' | 'nextFollowUpAt' | 'totalRevenue' | 'totalInvoices' | '$createdAt';

export function filterQueries(filter: CustomerFilter): string[] {
  const queries: string[] = [];
  if (filter.status !== undefined) queries.push(Query.equal('status', typeof filter.status === 'string' ? [filter.status] : [...filter.status]));
  if (filter.assignedTo !== undefined) queries.push(Query.equal('assignedTo', filter.assignedTo));
  if (filter.company !== undefined) queries.push(Query.equal('company', filter.company));
  if (filter.source !== undefined) queries.push(Query.equal('source', filter.source));
  return queries;
}
