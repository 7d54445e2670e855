/**
 * Model -> appwrite.config.json (`crm-schema export --appwrite-config`), the file appwrite-cli 12
 * pushes with `appwrite push tables`. Pure. The CLI only knows the legacy attribute types, so the
 * TablesDB-only types are mapped to their nearest legacy equivalent and reported as notes:
 * varchar -> string of the same size; text/mediumtext/longtext -> string of MariaDB's capacity for
 * that type. Index prefix lengths have no place in the CLI's index format and are dropped (noted).
 */
import type { Column, Database, Index, Table } from '../model/types.js';

export interface AppwriteConfigOptions {
  readonly projectId: string;
  readonly endpoint?: string;
}

export interface AppwriteConfigResult {
  /** The file's data; serialise with `formatAppwriteConfig`. */
  readonly config: AppwriteConfig;
  /** One line per lossy mapping, for the user to read. */
  readonly notes: readonly string[];
}

export interface AppwriteConfig {
  readonly projectId: string;
  readonly endpoint?: string;
  readonly tablesDB: readonly { readonly $id: string; readonly name: string; readonly enabled: boolean }[];
  readonly tables: readonly ConfigTable[];
}

interface ConfigTable {
  readonly $id: string;
  readonly $permissions: readonly string[];
  readonly databaseId: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly rowSecurity: boolean;
  readonly columns: readonly Record<string, unknown>[];
  readonly indexes: readonly Record<string, unknown>[];
}

/** Sizes of MariaDB's TEXT, MEDIUMTEXT and LONGTEXT, which back Appwrite's text column types. */
export const TEXT_SIZES = { text: 65_535, mediumtext: 16_777_215, longtext: 2_147_483_647 } as const;

export function modelToAppwriteConfig(model: Database, options: AppwriteConfigOptions): AppwriteConfigResult {
  const notes: string[] = [];
  const config: AppwriteConfig = {
    projectId: options.projectId,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    tablesDB: [{ $id: model.id, name: model.name, enabled: model.enabled }],
    tables: model.tables.map((table) => configTable(model.id, table, notes)),
  };
  return { config, notes };
}

/** The CLI writes its config pretty-printed with 4 spaces; so do we, so the two diff cleanly. */
export function formatAppwriteConfig(config: AppwriteConfig): string {
  return `${JSON.stringify(config, null, 4)}\n`;
}

function configTable(databaseId: string, table: Table, notes: string[]): ConfigTable {
  return {
    $id: table.id,
    $permissions: [...table.permissions],
    databaseId,
    name: table.name,
    enabled: table.enabled,
    rowSecurity: table.rowSecurity,
    columns: table.columns.map((column) => configColumn(table.id, column, notes)),
    indexes: table.indexes.map((index) => configIndex(table.id, index, notes)),
  };
}

function configColumn(tableId: string, column: Column, notes: string[]): Record<string, unknown> {
  // Key order as appwrite-cli's own `pull` writes it: key, type, then the rest.
  const entry = (type: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    key: column.key,
    type,
    required: column.required,
    array: column.array,
    default: column.default,
    ...extra,
  });
  switch (column.type) {
    case 'boolean':
    case 'datetime':
      return entry(column.type);
    case 'integer':
      return entry('integer', bounds(column.min, column.max));
    case 'float':
      return entry('double', bounds(column.min, column.max));
    case 'bigint': {
      notes.push(`${tableId}.${column.key}: bigint exported as integer; appwrite-cli cannot push bigint`);
      const exact = (value: string | undefined) => (value !== undefined && Number.isSafeInteger(Number(value)) ? Number(value) : undefined);
      if ([column.min, column.max, column.default].some((v) => v !== undefined && v !== null && exact(String(v)) === undefined)) {
        notes.push(`${tableId}.${column.key}: bounds or default beyond 2^53 left out (JSON numbers would round them)`);
      }
      const value = column.default === null ? null : exact(String(column.default)) ?? null;
      return { ...entry('integer', bounds(exact(column.min), exact(column.max))), default: value };
    }
    case 'email':
    case 'url':
    case 'ip':
      return entry('string', { format: column.type });
    case 'enum':
      return entry('string', { format: 'enum', elements: column.elements.map((element) => element.value) });
    case 'string':
      return entry('string', { size: column.size, encrypt: column.encrypt });
    case 'varchar':
      notes.push(`${tableId}.${column.key}: varchar(${column.size}) exported as string(${column.size}); appwrite-cli cannot push varchar`);
      return entry('string', { size: column.size, encrypt: column.encrypt });
    case 'text':
    case 'mediumtext':
    case 'longtext': {
      const size = TEXT_SIZES[column.type];
      notes.push(`${tableId}.${column.key}: ${column.type} exported as string(${size}); appwrite-cli cannot push ${column.type}`);
      return entry('string', { size, encrypt: column.encrypt });
    }
    default:
      return unreachable(column);
  }
}

function bounds(min: number | undefined, max: number | undefined): Record<string, number> {
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function configIndex(tableId: string, index: Index, notes: string[]): Record<string, unknown> {
  if (index.lengths.some((length) => length !== null)) {
    notes.push(`${tableId}.${index.key}: index prefix lengths dropped; appwrite.config.json has no place for them`);
  }
  return {
    key: index.key,
    type: index.type,
    status: 'available',
    columns: [...index.columns],
    orders: index.orders.map((order) => order.toUpperCase()),
  };
}

function unreachable(value: never): never {
  throw new Error(`unhandled column type ${JSON.stringify(value)}`);
}
