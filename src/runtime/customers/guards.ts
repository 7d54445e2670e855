import { TABLE_RULES, type TableId } from '../../generated/schema-types.js';
import { type Caller, isAdmin } from '../caller.js';
import { ForbiddenError } from '../errors.js';
import { adminOnlyFields, type RowData } from '../validation/validate-row.js';

/**
 * The rules Appwrite's permissions cannot express, applied to self-service (JWT, non-admin) callers
 * only: they act as themselves and never write admin-owned columns. These checks only ever narrow
 * what Appwrite already allows; a key or an admin passes through to Appwrite's own checks.
 */

export function assertActsAsSelf(caller: Caller, actor: string): void {
  if (caller.kind === 'user' && caller.id !== actor) {
    throw new ForbiddenError(`a signed-in user acts as themselves: "${actor}" is not the caller "${caller.id}"`);
  }
}

/** Costs the Account request (for the labels) only when admin-owned columns are being written. */
export async function assertMayWrite(caller: Caller, tableId: TableId, data: RowData): Promise<void> {
  const fields = adminOnlyFields(TABLE_RULES[tableId], data);
  if (fields.length === 0 || (await isAdmin(caller))) return;
  throw new ForbiddenError(`only an admin may set ${fields.join(', ')}`, fields);
}

/** Row permissions from the schema's templates, e.g. `read("user:{userId}")` for this row. */
export function rowPermissions(tableId: TableId, row: RowData): string[] {
  return TABLE_RULES[tableId].rowPermissions.map((template) =>
    template.replace(/\{([A-Za-z0-9_]+)\}/g, (_whole, column: string) => String(row[column] ?? '')),
  );
}
