import type { ColumnKind, ColumnSpec } from './types.js';
import { FIXED_SIZE } from './types.js';
import { integerSize } from './value-rules.js';

/** MariaDB's 64 KB row limit as Appwrite estimates it (§4.3). */
export const BYTES_MAX = 65535;
export const INTERNAL_BYTES = 1067;
/** 1010 user columns: 1017 physical columns minus Appwrite's 7 internal ones. */
export const MAX_COLUMNS = 1010;
export const MAX_INDEXES = 58;
export const MAX_INDEX_LENGTH = 768;

export function columnBytes(kind: ColumnKind, spec: ColumnSpec): number {
  if (spec.array) return 20;
  switch (kind) {
    case 'boolean':
      return 1;
    case 'integer':
      return integerSize(spec);
    case 'bigint':
    case 'float':
      return 8;
    case 'datetime':
      return 7;
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return 20;
    default: {
      const size = spec.size ?? FIXED_SIZE[kind] ?? 0;
      // A string beyond MariaDB's varchar limit becomes TEXT (a 20-byte pointer); a varchar never does.
      if (size > 16381 && kind !== 'varchar') return 20;
      return size <= 255 ? size * 4 + 1 : size * 4 + 2;
    }
  }
}

export function bytesUsed(columns: readonly { kind: ColumnKind; spec: ColumnSpec }[]): number {
  return columns.reduce((sum, column) => sum + columnBytes(column.kind, column.spec), INTERNAL_BYTES);
}
