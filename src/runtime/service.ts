import type { Customer, CustomerStatus } from '../generated/schema-types.js';
import { createContext, type CustomerServiceOptions } from './context.js';
import { recordInteraction, updateLastContact, type InteractionInput } from './customers/contact.js';
import { createCustomer, type CreatedCustomer, type NewCustomerData } from './customers/create.js';
import { findCustomerByEmail, getCustomer, getCustomerByUserId } from './customers/lookups.js';
import {
  getActiveCustomers,
  getCustomersByAssignee,
  getCustomersByCompany,
  getCustomersNeedingFollowUp,
  getTopRevenueCustomers,
  type Page,
  type PageOptions,
} from './customers/queries.js';
import { updateCustomerRevenue } from './customers/revenue.js';
import { searchCustomers, type SearchOptions } from './customers/search.js';
import { deleteCustomer, updateCustomer, updateCustomerStatus, type CustomerPatch } from './customers/update.js';
import { createAdminService, type AdminService } from './admin/service.js';

/**
 * The customers business functions of the reference document, with its names and argument order,
 * bound to one node-appwrite client (an API key for server code, or a user's JWT for self-service).
 */
export interface CustomerService {
  createCustomer(data: NewCustomerData, userId: string): Promise<CreatedCustomer>;
  updateCustomerStatus(customerId: string, newStatus: CustomerStatus, updatedBy: string, reason?: string): Promise<void>;
  updateCustomerRevenue(customerId: string): Promise<void>;
  updateLastContact(customerId: string, contactDate?: string): Promise<Customer>;
  getCustomerByUserId(userId: string): Promise<Customer | null>;
  findCustomerByEmail(email: string): Promise<Customer | null>;
  getCustomer(customerId: string): Promise<Customer>;
  updateCustomer(customerId: string, patch: CustomerPatch, updatedBy: string): Promise<Customer>;
  deleteCustomer(customerId: string, deletedBy: string): Promise<void>;
  recordInteraction(customerId: string, interaction: InteractionInput, by: string): Promise<string>;
  getActiveCustomers(options?: PageOptions): Promise<Page<Customer>>;
  getCustomersByAssignee(userId: string, options?: PageOptions): Promise<Page<Customer>>;
  getCustomersByCompany(company: string, options?: PageOptions): Promise<Page<Customer>>;
  getCustomersNeedingFollowUp(options?: PageOptions & { now?: string }): Promise<Page<Customer>>;
  getTopRevenueCustomers(options?: PageOptions): Promise<Page<Customer>>;
  searchCustomers(term: string, options?: SearchOptions): Promise<Customer[]>;
  /** The admin use cases: filtered lists, bulk changes, exports, GDPR. */
  readonly admin: AdminService;
}

export function createCustomerService(options: CustomerServiceOptions): CustomerService {
  const ctx = createContext(options);
  return {
    createCustomer: (data, userId) => createCustomer(ctx, data, userId),
    updateCustomerStatus: (customerId, newStatus, updatedBy, reason) => updateCustomerStatus(ctx, customerId, newStatus, updatedBy, reason),
    updateCustomerRevenue: (customerId) => updateCustomerRevenue(ctx, customerId),
    updateLastContact: (customerId, contactDate) => updateLastContact(ctx, customerId, contactDate),
    getCustomerByUserId: (userId) => getCustomerByUserId(ctx, userId),
    findCustomerByEmail: (email) => findCustomerByEmail(ctx, email),
    getCustomer: (customerId) => getCustomer(ctx, customerId),
    updateCustomer: (customerId, patch, updatedBy) => updateCustomer(ctx, customerId, patch, updatedBy),
    deleteCustomer: (customerId, deletedBy) => deleteCustomer(ctx, customerId, deletedBy),
    recordInteraction: (customerId, interaction, by) => recordInteraction(ctx, customerId, interaction, by),
    getActiveCustomers: (opts) => getActiveCustomers(ctx, opts),
    getCustomersByAssignee: (userId, opts) => getCustomersByAssignee(ctx, userId, opts),
    getCustomersByCompany: (company, opts) => getCustomersByCompany(ctx, company, opts),
    getCustomersNeedingFollowUp: (opts) => getCustomersNeedingFollowUp(ctx, opts),
    getTopRevenueCustomers: (opts) => getTopRevenueCustomers(ctx, opts),
    searchCustomers: (term, opts) => searchCustomers(ctx, term, opts),
    admin: createAdminService(ctx),
  };
}
