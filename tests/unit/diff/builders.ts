import type { Column, Database, Index, Table } from '../../../src/model/index.js';

/** Hand-built Models for the diff and renderer tests: small defaults, override what a case needs. */

type ColumnOverrides = Partial<Record<string, unknown>>;

const base = { required: false, array: false, default: null } as const;

export const col = {
  string: (key: string, size = 128, extra: ColumnOverrides = {}): Column =>
    ({ ...base, key, type: 'string', size, encrypt: false, ...extra }) as Column,
  varchar: (key: string, size = 128, extra: ColumnOverrides = {}): Column =>
    ({ ...base, key, type: 'varchar', size, encrypt: false, ...extra }) as Column,
  text: (key: string, extra: ColumnOverrides = {}): Column => ({ ...base, key, type: 'text', encrypt: false, ...extra }) as Column,
  integer: (key: string, extra: ColumnOverrides = {}): Column => ({ ...base, key, type: 'integer', ...extra }) as Column,
  float: (key: string, extra: ColumnOverrides = {}): Column => ({ ...base, key, type: 'float', ...extra }) as Column,
  boolean: (key: string, extra: ColumnOverrides = {}): Column => ({ ...base, key, type: 'boolean', ...extra }) as Column,
  datetime: (key: string, extra: ColumnOverrides = {}): Column => ({ ...base, key, type: 'datetime', ...extra }) as Column,
  email: (key: string, extra: ColumnOverrides = {}): Column => ({ ...base, key, type: 'email', ...extra }) as Column,
  url: (key: string, extra: ColumnOverrides = {}): Column => ({ ...base, key, type: 'url', ...extra }) as Column,
  enum: (key: string, values: readonly string[], extra: ColumnOverrides = {}): Column =>
    ({ ...base, key, type: 'enum', elements: values.map((value) => ({ value })), ...extra }) as Column,
};

export function idx(key: string, columns: readonly string[], type: Index['type'] = 'key', extra: Partial<Index> = {}): Index {
  return {
    key,
    type,
    columns,
    orders: columns.map(() => 'asc' as const),
    lengths: columns.map(() => null),
    ...extra,
  };
}

export function table(id: string, columns: readonly Column[], indexes: readonly Index[] = [], extra: Partial<Table> = {}): Table {
  return {
    id,
    name: id[0]?.toUpperCase() + id.slice(1),
    enabled: true,
    rowSecurity: false,
    permissions: ['create("users")', 'read("users")'],
    columns,
    indexes,
    ...extra,
  };
}

export function db(tables: readonly Table[], extra: Partial<Database> = {}): Database {
  return { id: 'console-db', name: 'Console DB', enabled: true, tables, removedTables: [], ...extra };
}

/** A small CRM-like table used as the "before" side of most cases. */
export function customers(columns: readonly Column[] = [], indexes: readonly Index[] = [], extra: Partial<Table> = {}): Table {
  return table('customers', [col.string('name', 128, { required: true }), col.email('email'), ...columns], indexes, extra);
}
