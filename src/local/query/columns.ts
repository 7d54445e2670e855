/**
 * Resolves a query attribute to what the compiler needs: the SQL column, the value kind that decides
 * validation and binding, and whether it is an array. System fields ($id, $sequence, $createdAt,
 * $updatedAt) are queryable like columns, as in Appwrite's Documents validator.
 */
import { columnSqlName, SYSTEM_COLUMNS } from '../sql-names.js';
import type { QueryColumn, QueryTable } from './types.js';

/** How a value is checked and bound: `sequence` is $sequence (an int or a numeric string). */
export type ValueKind = 'string' | 'integer' | 'bigint' | 'double' | 'boolean' | 'datetime' | 'sequence';

export interface ResolvedColumn {
  key: string;
  sqlName: string;
  kind: ValueKind;
  array: boolean;
  encrypt: boolean;
}

const SYSTEM_QUERYABLE: Readonly<Record<string, ResolvedColumn>> = {
  $id: { key: '$id', sqlName: SYSTEM_COLUMNS.$id, kind: 'string', array: false, encrypt: false },
  $sequence: { key: '$sequence', sqlName: SYSTEM_COLUMNS.$sequence, kind: 'sequence', array: false, encrypt: false },
  $createdAt: {
    key: '$createdAt',
    sqlName: SYSTEM_COLUMNS.$createdAt,
    kind: 'datetime',
    array: false,
    encrypt: false,
  },
  $updatedAt: {
    key: '$updatedAt',
    sqlName: SYSTEM_COLUMNS.$updatedAt,
    kind: 'datetime',
    array: false,
    encrypt: false,
  },
};

/** Keys `select` accepts besides the table's columns (Appwrite's internal attributes). */
export const SELECTABLE_INTERNAL_KEYS: ReadonlySet<string> = new Set([
  '$id',
  '$sequence',
  '$createdAt',
  '$updatedAt',
  '$permissions',
  '$collection',
  '$tenant',
]);

export function resolveColumn(table: QueryTable, key: string): ResolvedColumn | undefined {
  if (Object.prototype.hasOwnProperty.call(SYSTEM_QUERYABLE, key)) return SYSTEM_QUERYABLE[key];
  const column = table.columns.get(key);
  if (!column) return undefined;
  return {
    key,
    sqlName: columnSqlName(key),
    kind: valueKind(column),
    array: column.array,
    encrypt: column.encrypt,
  };
}

function valueKind(column: QueryColumn): ValueKind {
  switch (column.type) {
    case 'boolean':
    case 'integer':
    case 'bigint':
    case 'double':
    case 'datetime':
      return column.type;
    case 'string':
    case 'varchar':
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return 'string';
    default: {
      const unreachable: never = column.type;
      throw new Error(`Unknown column type ${String(unreachable)}`);
    }
  }
}
