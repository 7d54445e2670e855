import { Client, Query, TablesDB } from 'node-appwrite';
import type { Column, Database, Index, Table } from '../../src/model/index.js';
import type { ServerTarget } from './schema-dir.js';

/**
 * The live state as Appwrite reports it, read with plain node-appwrite calls (listTables,
 * listColumns, listIndexes: not the listTables-embedded lists the tool's introspection reads), and
 * what Appwrite should report for a Model, written out here independently of src/appwrite. A bug
 * shared by apply and introspection (say, both mapping a type wrongly) cannot pass a check that
 * compares these two.
 */
export type RawRecord = Record<string, unknown>;

export interface RawTableState {
  readonly table: RawRecord;
  readonly columns: readonly RawRecord[];
  readonly indexes: readonly RawRecord[];
}

export function tablesDbOf(server: ServerTarget): TablesDB {
  return new TablesDB(new Client().setEndpoint(server.endpoint).setProject(server.projectId).setKey(server.apiKey));
}

/** Every table of the database with its columns and indexes, each list from its own route. */
export async function readRawState(server: ServerTarget, databaseId: string): Promise<Map<string, RawTableState>> {
  const db = tablesDbOf(server);
  const { tables } = await db.listTables({ databaseId, queries: [Query.limit(100)] });
  const state = new Map<string, RawTableState>();
  for (const table of tables) {
    const at = { databaseId, tableId: table.$id, queries: [Query.limit(100)] };
    const [{ columns }, { indexes }] = await Promise.all([db.listColumns(at), db.listIndexes(at)]);
    state.set(table.$id, { table: table as unknown as RawRecord, columns: columns as unknown as RawRecord[], indexes: indexes as unknown as RawRecord[] });
  }
  return state;
}

export async function rawColumn(server: ServerTarget, databaseId: string, tableId: string, key: string): Promise<RawRecord> {
  return (await tablesDbOf(server).getColumn({ databaseId, tableId, key })) as unknown as RawRecord;
}

/** JSON-safe and order-free: int64 bounds arrive as BigInt; Appwrite may list columns in any order. */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
}

const INT64_MAX = 2 ** 63;
const DOUBLE_MAX = 1.7976931348623157e308;

/** What Appwrite reports for a column of the Model: its legacy type and format, size, bounds, elements. */
export function expectedColumn(column: Column): RawRecord {
  const base = { key: column.key, required: column.required, array: column.array, default: column.default, status: 'available' };
  switch (column.type) {
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'datetime':
      return { ...base, type: 'datetime', format: 'datetime' };
    case 'integer':
      return { ...base, type: 'integer', min: column.min ?? -INT64_MAX, max: column.max ?? INT64_MAX - 1 };
    case 'float':
      return { ...base, type: 'double', min: column.min ?? -DOUBLE_MAX, max: column.max ?? DOUBLE_MAX };
    case 'bigint':
      // plain() turns int64 BigInts into numbers; the Model keeps them as decimal strings.
      return { ...base, type: 'bigint', min: Number(column.min ?? -INT64_MAX), max: Number(column.max ?? INT64_MAX - 1), default: column.default === null ? null : Number(column.default) };
    case 'email':
    case 'url':
    case 'ip':
      return { ...base, type: 'string', format: column.type };
    case 'enum':
      return { ...base, type: 'string', format: 'enum', elements: column.elements.map((element) => element.value) };
    case 'string':
    case 'varchar':
      return { ...base, type: column.type, size: column.size, encrypt: column.encrypt };
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { ...base, type: column.type, encrypt: column.encrypt };
  }
}

export function expectedIndex(index: Index): RawRecord {
  return { key: index.key, type: index.type, columns: [...index.columns], lengths: [...index.lengths], status: 'available' };
}

/** The fields of a raw index that expectedIndex names, orders normalised to the Model's lower case. */
export function comparableIndex(raw: RawRecord): RawRecord {
  return {
    key: raw['key'],
    type: raw['type'],
    columns: raw['columns'] ?? raw['attributes'],
    lengths: ((raw['lengths'] as unknown[] | undefined) ?? []).map((length) => length ?? null),
    status: raw['status'],
    orders: ((raw['orders'] as (string | null)[] | undefined) ?? []).map((order) => (order ?? 'asc').toLowerCase()),
  };
}

export function expectedTable(table: Table): RawRecord {
  return { $id: table.id, name: table.name, enabled: table.enabled, rowSecurity: table.rowSecurity, $permissions: [...table.permissions].sort() };
}

/** Everything a test asserts about one database, in comparable form: raw live state vs expected. */
export function comparable(state: Map<string, RawTableState>, desired: Database): { live: unknown; expected: unknown } {
  const byKey = (a: RawRecord, b: RawRecord): number => String(a['key']).localeCompare(String(b['key']));
  const live = [...state.values()]
    .sort((a, b) => String(a.table['$id']).localeCompare(String(b.table['$id'])))
    .map(({ table, columns, indexes }) => ({
      table: { $id: table['$id'], name: table['name'], enabled: table['enabled'], rowSecurity: table['rowSecurity'], $permissions: [...(table['$permissions'] as string[])].sort() },
      columns: columns.map((column) => pick(column, Object.keys(expectedFieldsOf(column)))).sort(byKey),
      indexes: indexes.map(comparableIndex).sort(byKey),
    }));
  const expected = [...desired.tables]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((table) => ({
      table: expectedTable(table),
      columns: table.columns.map(expectedColumn).sort(byKey),
      indexes: table.indexes.map((index) => ({ ...expectedIndex(index), orders: [...index.orders] })).sort(byKey),
    }));
  return { live: plain(live), expected: plain(expected) };
}

/** The fields expectedColumn produces for a column of this raw type (others, like $createdAt, are not compared). */
function expectedFieldsOf(raw: RawRecord): RawRecord {
  const fields: RawRecord = { key: 0, type: 0, required: 0, array: 0, default: 0, status: 0 };
  if (raw['format'] !== undefined && raw['format'] !== '') fields['format'] = 0;
  if (raw['type'] === 'integer' || raw['type'] === 'double') Object.assign(fields, { min: 0, max: 0 });
  if (raw['format'] === 'enum') fields['elements'] = 0;
  if (['string', 'varchar'].includes(String(raw['type'])) && (raw['format'] === undefined || raw['format'] === '')) Object.assign(fields, { size: 0, encrypt: 0 });
  if (['text', 'mediumtext', 'longtext'].includes(String(raw['type']))) fields['encrypt'] = 0;
  return fields;
}

function pick(record: RawRecord, keys: readonly string[]): RawRecord {
  return Object.fromEntries(keys.map((key) => [key, record[key] ?? (key === 'array' ? false : key === 'default' ? null : record[key])]));
}
