import { invalidParam } from './params.js';

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
