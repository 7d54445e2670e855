import { TABLE_RULES, type Customer, type CustomerInput, type CustomerMetadata, type CustomerNotes, type CustomerStatus } from '../../generated/schema-types.js';
import type { ServiceContext } from '../context.js';
import { validatePatch, type RowData } from '../validation/validate-row.js';
import { changeCustomer } from './change.js';
import { assertActsAsSelf, assertMayWrite } from './guards.js';
import { mergedDocument, storedDocument, type JsonPatch } from './json-columns.js';

/** updateCustomer's patch: any column; `notes`/`metadata` as text (replace) or an object (merge). */
export type CustomerPatch = Partial<Omit<CustomerInput, 'notes' | 'metadata'>> & {
  notes?: JsonPatch<CustomerNotes>;
  metadata?: JsonPatch<CustomerMetadata>;
};

/** Only the keys whose value differs from the stored row. */
function changedOnly(patch: RowData, current: Customer): RowData {
  const row = current as unknown as RowData;
  return Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && value !== (row[key] ?? null)));
}

export async function updateCustomer(ctx: ServiceContext, customerId: string, patch: CustomerPatch, updatedBy: string): Promise<Customer> {
  const caller = ctx.caller;
  assertActsAsSelf(caller, updatedBy);
  await assertMayWrite(caller, 'customers', patch);
  return changeCustomer(ctx, customerId, updatedBy, (current) => {
    const resolved: RowData = { ...patch };
    if (patch.notes !== undefined) resolved['notes'] = mergedDocument(current, 'notes', patch.notes);
    if (patch.metadata !== undefined) resolved['metadata'] = mergedDocument(current, 'metadata', patch.metadata);
    const data = changedOnly(validatePatch(TABLE_RULES.customers, resolved, current as unknown as RowData), current);
    return Object.keys(data).length === 0 ? null : { data, action: 'customer.updated' };
  });
}

/**
 * The reference's status change, without its lost update: the metadata keys it writes
 * (statusChangeReason, statusChangedAt, statusChangedBy) are merged into the metadata as stored
 * inside the transaction, so a key another writer added meanwhile survives.
 */
export async function updateCustomerStatus(
  ctx: ServiceContext,
  customerId: string,
  newStatus: CustomerStatus,
  updatedBy: string,
  reason?: string,
): Promise<void> {
  const caller = ctx.caller;
  assertActsAsSelf(caller, updatedBy);
  await assertMayWrite(caller, 'customers', { status: newStatus });
  await changeCustomer(ctx, customerId, updatedBy, (current, at) => {
    const metadata: Record<string, unknown> = { ...storedDocument(current, 'metadata'), statusChangedAt: at, statusChangedBy: updatedBy };
    // As in the reference, no reason means the previous reason no longer applies.
    if (reason === undefined) delete metadata['statusChangeReason'];
    else metadata['statusChangeReason'] = reason;
    const data = validatePatch(TABLE_RULES.customers, { status: newStatus, metadata: JSON.stringify(metadata) }, current as unknown as RowData);
    return { data, action: 'customer.status_changed', reason: reason ?? null };
  });
}

export async function deleteCustomer(ctx: ServiceContext, customerId: string, deletedBy: string): Promise<void> {
  const caller = ctx.caller;
  assertActsAsSelf(caller, deletedBy);
  await changeCustomer(ctx, customerId, deletedBy, (current) => ({
    data: Object.fromEntries(Object.keys(TABLE_RULES.customers.columns).map((key) => [key, (current as unknown as RowData)[key] ?? null])),
    action: 'customer.deleted',
    remove: true,
  }));
}
