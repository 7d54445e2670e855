import { invalidParam } from './params.js';
import { LocalApiError } from './errors.js';
import { quoteIdent } from './sql-names.js';

/**
 * Permission strings `<action>("<role>")`. Tables may use create/read/update/delete/write; rows may not
 * use create. `write` expands on save (tables: create+update+delete, rows: update+delete).
 */
const PERMISSION = /^(create|read|update|delete|write)\("([^"]+)"\)$/;
const ROLE = /^(any|guests|users(\/(verified|unverified))?|(user|team|member|label):[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)?)$/;

function parsePermissions(value: unknown, allowed: readonly string[], writeExpands: readonly string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.length > 100) {
    throw invalidParam('permissions', 'Permissions must be an array of strings no longer than 100 items.');
  }
  const result: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string') throw invalidParam('permissions', 'Permissions must be an array of strings.');
    if (item === '*') throw invalidParam('permissions', 'Wildcard permission "*" has been replaced. Use "any" instead.');
    if (item.includes('role:')) throw invalidParam('permissions', 'Permissions using the "role:" prefix have been replaced. Use "users", "guests", or "any" instead.');
    const match = PERMISSION.exec(item);
    if (!match) throw invalidParam('permissions', `Permission "${item}" is invalid.`);
    const [, action = '', role = ''] = match;
    if (!allowed.includes(action)) throw invalidParam('permissions', `Permission "${action}" is not allowed. Must be one of: ${allowed.join(', ')}.`);
    if (!ROLE.test(role)) throw invalidParam('permissions', `Role "${role}" is not allowed.`);
    const actions = action === 'write' ? writeExpands : [action];
    for (const a of actions) {
      const permission = `${a}("${role}")`;
      if (!result.includes(permission)) result.push(permission);
    }
  }
  return result;
}

export function parseTablePermissions(value: unknown): string[] | undefined {
  return parsePermissions(value, ['create', 'read', 'update', 'delete', 'write'], ['create', 'update', 'delete']);
}

export function parseRowPermissions(value: unknown): string[] | undefined {
  return parsePermissions(value, ['read', 'update', 'delete', 'write'], ['update', 'delete']);
}

/** Evaluation (§6.2): a permission list grants an action when it names it for a role the caller holds. */
export type PermissionAction = 'create' | 'read' | 'update' | 'delete';

export function grants(permissions: readonly string[], action: PermissionAction, roles: readonly string[]): boolean {
  return roles.some((role) => permissions.includes(`${action}("${role}")`));
}

/** The roles a permission list names for one action, in order. */
export function rolesFor(permissions: readonly string[], action: PermissionAction): string[] {
  const prefix = `${action}("`;
  return permissions.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length, -2));
}

/** Non-key callers may only put roles they hold into a permission list. */
export function assertGrantable(permissions: readonly string[], roles: readonly string[]): void {
  for (const permission of permissions) {
    const role = PERMISSION.exec(permission)?.[2];
    if (role === undefined || !roles.includes(role)) {
      throw new LocalApiError(401, 'user_unauthorized', `Permissions must be one of: (${roles.join(', ')})`);
    }
  }
}

/**
 * The SQL filter listRows ANDs in on a rowSecurity table when the caller lacks table read: the row's
 * `_seq` must appear in the read index (auth/read-index.ts) under one of the caller's roles.
 */
export function rowReadFilter(roles: readonly string[], readIndex: string): { sql: string; params: string[] } {
  const params = roles.map((role) => `read("${role}")`);
  return {
    sql: `_seq IN (SELECT seq FROM temp.${quoteIdent(readIndex)} WHERE perm IN (${params.map(() => '?').join(', ')}))`,
    params,
  };
}
