import { ID } from 'node-appwrite';
import type { AuditLogAction, AuditLogInput } from '../generated/schema-types.js';
import type { ServiceContext } from './context.js';
import { operation, type Operation } from './transaction.js';

/** An audit_logs row staged in the same transaction as the change it records. */
export interface AuditEntry {
  readonly actorId: string;
  readonly action: AuditLogAction;
  readonly customerId: string;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly reason?: string | null;
  readonly at: string;
}

export function auditRow(entry: AuditEntry): AuditLogInput {
  return {
    actorId: entry.actorId,
    action: entry.action,
    customerId: entry.customerId,
    before: entry.before == null ? null : JSON.stringify(entry.before),
    after: entry.after == null ? null : JSON.stringify(entry.after),
    reason: entry.reason ?? null,
    at: entry.at,
  };
}

export function auditOperation(ctx: ServiceContext, entry: AuditEntry): Operation {
  return operation(ctx, 'audit_logs', 'create', ID.unique(), auditRow(entry));
}

/** The values of keys in row, for the before/after of an audit entry. */
export function pick(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, row[key] ?? null]));
}
