/**
 * Model -> appwrite.config.json (`crm-schema export --appwrite-config`), the file appwrite-cli 12
 * pushes with `appwrite push tables`. Pure. The CLI only knows the legacy attribute types, so the
 * TablesDB-only types are mapped to their nearest legacy equivalent and reported as notes:
 * varchar -> string of the same size; text/mediumtext/longtext -> string of MariaDB's capacity for
 * that type. Index prefix lengths have no place in the CLI's index format and are dropped (noted).
 *
 * appwrite-cli compares every key of a column it keeps with what the server reports, and recreates
 * or changes the column when one differs. So the file states what Appwrite will report: `format:
 * "datetime"` on datetime columns, and both bounds of integer and float columns (an omitted bound is
 * stored as the type's extreme), or every push deletes datetime columns with their data (and the
 * indexes over them) and "changes" every half-bounded number.
 */
import type { Column, Database, Index, Table } from '../model/types.js';
import { STRING_SIZE_MAX } from '../model/limits.js';

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

/**
 * The legacy string sizes that Appwrite stores as TEXT, MEDIUMTEXT and LONGTEXT: MariaDB's capacity
 * for the first two; for LONGTEXT the largest size the string route accepts (1 GiB).
 */
export const TEXT_SIZES = { text: 65_535, mediumtext: 16_777_215, longtext: STRING_SIZE_MAX } as const;

/** What Appwrite reports for an omitted bound: int64's extremes (bare JSON integers) and double's. */
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n } as const;
const DOUBLE_MAX = 1.7976931348623157e308;

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

/**
 * The CLI writes its config pretty-printed with 4 spaces; so do we, so the two diff cleanly. int64
 * bounds are BigInts in the data and bare integers in the file (the CLI reads it with json-bigint).
 */
export function formatAppwriteConfig(config: AppwriteConfig): string {
  const text = JSON.stringify(config, (_key, value: unknown) => (typeof value === 'bigint' ? `${BIGINT_MARK}${value}` : value), 4);
  return `${text.replace(new RegExp(`"${BIGINT_MARK}(-?\\d+)"`, 'g'), '$1')}\n`;
}

const BIGINT_MARK = '@@crm-schema:int64:';

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
      return entry('boolean');
    case 'datetime':
      // Appwrite reports datetime columns with format "datetime" and appwrite-cli compares every key
      // it keeps: without it, every push deletes and recreates the column, and its data with it.
      return entry('datetime', { format: 'datetime' });
    case 'integer':
      return entry('integer', { min: column.min ?? INT64.min, max: column.max ?? INT64.max });
    case 'float':
      return entry('double', { min: column.min ?? -DOUBLE_MAX, max: column.max ?? DOUBLE_MAX });
    case 'bigint': {
      // The Model keeps int64 values as decimal strings; BigInts reach the file as exact bare integers.
      notes.push(`${tableId}.${column.key}: bigint exported as integer; appwrite-cli cannot push bigint`);
      const exact = (value: string | number | boolean | null | undefined, fallback: bigint | null): bigint | null =>
        value === undefined || value === null ? fallback : BigInt(value as string);
      return { ...entry('integer', { min: exact(column.min, INT64.min), max: exact(column.max, INT64.max) }), default: exact(column.default, null) };
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
