import { CrmSchemaError } from '../errors.js';
import type { Column, Database, Index, Table } from '../model/index.js';
import type { MigrationStep } from './types.js';

/**
 * The model that a list of steps produces, replayed from `start` (undefined = no database). Pure:
 * `migrate new` diffs schema/ against the replay of every existing migration, and `apply` checks that
 * the replay equals schema/ before it touches a server. A step that does not fit the state (a column
 * created twice, a rename of a missing key) is an error naming the step, so an inconsistent history
 * is found offline.
 */
export function replaySteps(start: Database | undefined, steps: readonly MigrationStep[], where: string): Database | undefined {
  let state = start;
  for (const step of steps) state = replayStep(state, step, where);
  return state;
}

function replayStep(state: Database | undefined, step: MigrationStep, where: string): Database | undefined {
  const fail = (why: string): never => {
    throw new CrmSchemaError('schema_invalid', `${where}: step ${step.id} cannot be replayed: ${why}`, {
      details: { rule: 'migration-replay', step: step.id },
    });
  };
  if (step.kind === 'create_database') {
    if (state !== undefined) fail(`database ${state.id} already exists`);
    return { id: step.database, name: step.name, enabled: step.enabled, tables: [], removedTables: [] };
  }
  const db = state ?? fail('the database does not exist yet (the first migration must create it)');
  const table = (id: string): Table => db.tables.find((t) => t.id === id) ?? fail(`table ${id} does not exist`);
  const withTable = (next: Table): Database => ({
    ...db,
    tables: [...db.tables.filter((t) => t.id !== next.id), next].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  });
  const column = (t: Table, key: string): Column => t.columns.find((c) => c.key === key) ?? fail(`column ${t.id}.${key} does not exist`);
  const freeKey = (t: Table, key: string): void => {
    if (t.columns.some((c) => c.key === key)) fail(`column ${t.id}.${key} already exists`);
  };
  const setColumns = (t: Table, columns: Column[], indexes: readonly Index[] = t.indexes): Table => ({ ...t, columns, indexes });

  switch (step.kind) {
    case 'update_database':
      return { ...db, name: step.name, enabled: step.enabled };
    case 'create_table':
      if (db.tables.some((t) => t.id === step.table)) fail(`table ${step.table} already exists`);
      return withTable({ id: step.table, name: step.name, enabled: step.enabled, rowSecurity: step.rowSecurity, permissions: [...step.permissions].sort(), columns: [], indexes: [] });
    case 'update_table':
      return withTable({ ...table(step.table), name: step.name, enabled: step.enabled, rowSecurity: step.rowSecurity, permissions: [...step.permissions].sort() });
    case 'delete_table':
      table(step.table);
      return { ...db, tables: db.tables.filter((t) => t.id !== step.table) };
    case 'create_column': {
      const t = table(step.table);
      freeKey(t, step.column.key);
      return withTable(setColumns(t, [...t.columns, step.column]));
    }
    case 'update_column': {
      const t = table(step.table);
      column(t, step.key);
      return withTable(setColumns(t, t.columns.map((c) => (c.key === step.key ? { ...step.column, key: step.key } : c))));
    }
    case 'rename_column': {
      const t = table(step.table);
      const current = column(t, step.from);
      freeKey(t, step.to);
      // Appwrite rewrites index column lists itself on a rename.
      const indexes = t.indexes.map((i) => ({ ...i, columns: i.columns.map((c) => (c === step.from ? step.to : c)) }));
      return withTable(setColumns(t, t.columns.map((c) => (c === current ? { ...c, key: step.to } : c)), indexes));
    }
    case 'delete_column': {
      const t = table(step.table);
      column(t, step.key);
      return withTable(setColumns(t, t.columns.filter((c) => c.key !== step.key), withoutColumn(t.indexes, step.key)));
    }
    case 'replace_column': {
      const t = table(step.table);
      column(t, step.key);
      const kept = t.columns.filter((c) => c.key !== step.key);
      if (kept.some((c) => c.key === step.column.key)) fail(`column ${t.id}.${step.column.key} already exists`);
      return withTable(setColumns(t, [...kept, step.column], withoutColumn(t.indexes, step.key)));
    }
    case 'create_index': {
      const t = table(step.table);
      if (t.indexes.some((i) => i.key === step.index.key)) fail(`index ${t.id}.${step.index.key} already exists`);
      return withTable({ ...t, indexes: [...t.indexes, step.index] });
    }
    case 'delete_index': {
      const t = table(step.table);
      if (!t.indexes.some((i) => i.key === step.key)) fail(`index ${t.id}.${step.key} does not exist`);
      return withTable({ ...t, indexes: t.indexes.filter((i) => i.key !== step.key) });
    }
    case 'copy_column': {
      const t = table(step.table);
      column(t, step.from);
      column(t, step.to);
      return db;
    }
    default:
      return assertNever(step);
  }
}

/**
 * Deleting a column takes it out of every index (MariaDB); an index left with no column goes. An
 * index left identical to another one is dropped by the server too, which the drift check reports.
 */
function withoutColumn(indexes: readonly Index[], key: string): Index[] {
  return indexes
    .map((index) => {
      const keep = index.columns.map((c, i) => (c === key ? -1 : i)).filter((i) => i >= 0);
      return keep.length === index.columns.length ? index : {
        ...index,
        columns: keep.map((i) => index.columns[i] as string),
        orders: keep.map((i) => index.orders[i] ?? 'asc'),
        lengths: keep.map((i) => index.lengths[i] ?? null),
      };
    })
    .filter((index) => index.columns.length > 0);
}

function assertNever(value: never): never {
  throw new Error(`unhandled migration step: ${JSON.stringify(value)}`);
}
