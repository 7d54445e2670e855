import type { Database, Table } from '../model/index.js';
import type { TableChange } from '../plan/types.js';
import { operationId, type DraftOperation } from './draft.js';
import { deletedTableHazard } from './hazards.js';

export function diffDatabase(actual: Database | undefined, desired: Database): DraftOperation[] {
  const base = { database: desired.id, name: desired.name, enabled: desired.enabled, hazards: [] };
  if (actual === undefined) {
    return [
      {
        ...base,
        kind: 'create_database',
        id: operationId('create_database', desired.id),
        risk: 'safe',
        summary: `create database ${desired.id} (${JSON.stringify(desired.name)}${desired.enabled ? '' : ', disabled'})`,
        // A plain create needs no reason line: its summary says everything (reviewers read plans in PRs).
        reasons: [],
      },
    ];
  }
  const reasons: string[] = [];
  if (actual.name !== desired.name) reasons.push(`name ${JSON.stringify(actual.name)} → ${JSON.stringify(desired.name)}`);
  if (actual.enabled !== desired.enabled) reasons.push(desired.enabled ? 'enables the database' : 'disables the database');
  if (reasons.length === 0) return [];
  return [
    {
      ...base,
      kind: 'update_database',
      id: operationId('update_database', desired.id),
      risk: 'safe',
      summary: `update database ${desired.id}`,
      reasons,
    },
  ];
}

export function createTable(table: Table): DraftOperation {
  const access = `${table.permissions.length} permission${table.permissions.length === 1 ? '' : 's'}, row security ${table.rowSecurity ? 'on' : 'off'}`;
  return {
    kind: 'create_table',
    id: operationId('create_table', table.id),
    risk: 'safe',
    table: table.id,
    name: table.name,
    enabled: table.enabled,
    rowSecurity: table.rowSecurity,
    permissions: table.permissions,
    summary: `create table ${table.id} (${JSON.stringify(table.name)}, ${access}${table.enabled ? '' : ', disabled'})`,
    reasons: [],
    hazards: [],
  };
}

/** Name, enabled, row security and permissions; the op carries all four because Appwrite resets omitted ones. */
export function updateTable(actual: Table, desired: Table): DraftOperation | undefined {
  const changes: TableChange[] = [];
  const reasons: string[] = [];
  if (actual.name !== desired.name) {
    changes.push({ property: 'name', from: actual.name, to: desired.name });
    reasons.push(`name ${JSON.stringify(actual.name)} → ${JSON.stringify(desired.name)}`);
  }
  if (actual.enabled !== desired.enabled) {
    changes.push({ property: 'enabled', from: actual.enabled, to: desired.enabled });
    reasons.push(desired.enabled ? 'enables the table' : 'disables the table (only API keys can reach it)');
  }
  if (actual.rowSecurity !== desired.rowSecurity) {
    changes.push({ property: 'rowSecurity', from: actual.rowSecurity, to: desired.rowSecurity });
    reasons.push(desired.rowSecurity ? 'turns row security on (row permissions start to count)' : 'turns row security off (row permissions stop counting)');
  }
  const granted = desired.permissions.filter((p) => !actual.permissions.includes(p));
  const revoked = actual.permissions.filter((p) => !desired.permissions.includes(p));
  if (granted.length > 0 || revoked.length > 0) {
    changes.push({ property: 'permissions', from: actual.permissions, to: desired.permissions });
    if (granted.length > 0) reasons.push(`grants ${granted.join(', ')}`);
    if (revoked.length > 0) reasons.push(`revokes ${revoked.join(', ')}`);
  }
  if (changes.length === 0) return undefined;
  const changesAccess = changes.some((change) => change.property !== 'name');
  return {
    kind: 'update_table',
    id: operationId('update_table', desired.id),
    risk: 'safe',
    table: desired.id,
    name: desired.name,
    enabled: desired.enabled,
    rowSecurity: desired.rowSecurity,
    permissions: desired.permissions,
    changes,
    summary: `update table ${desired.id}${changesAccess ? ' (changes access)' : ''}: ${changes.map((c) => c.property).join(', ')}`,
    reasons,
    hazards: [],
  };
}

export function deleteTable(actual: Table): DraftOperation {
  return {
    kind: 'delete_table',
    id: operationId('delete_table', actual.id),
    risk: 'destructive',
    table: actual.id,
    name: actual.name,
    columnCount: actual.columns.length,
    summary: `delete table ${actual.id} (${JSON.stringify(actual.name)}, ${actual.columns.length} column${actual.columns.length === 1 ? '' : 's'}) and all its rows`,
    reasons: ['listed in removedTables'],
    hazards: [deletedTableHazard(actual.id)],
  };
}
