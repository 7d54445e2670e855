import type { Column, JsonFieldType } from '../model/types.js';

/**
 * What a column looks like in TypeScript, and when it may be missing. The rules follow what Appwrite
 * returns: every column of a row comes back, unset ones as `null`; an explicit `null` written to a
 * column with a default stores the default.
 */

/** The element type, before array-ness. Enum columns use their generated union's name. */
export function scalarType(column: Column, enumTypeName: string | undefined): string {
  switch (column.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'float':
      return 'number';
    case 'bigint':
      // node-appwrite parses with json-bigint: a BigInt beyond 2^53, a number below it.
      return 'number | bigint';
    case 'enum':
      return enumTypeName ?? 'string';
    case 'datetime':
    case 'email':
    case 'url':
    case 'ip':
    case 'string':
    case 'varchar':
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return 'string';
    default: {
      const unhandled: never = column;
      throw new Error(`no TypeScript type for column ${JSON.stringify(unhandled)}`);
    }
  }
}

export function columnType(column: Column, enumTypeName: string | undefined): string {
  const scalar = scalarType(column, enumTypeName);
  return column.array ? `${scalar}[]` : scalar;
}

/**
 * A row always carries a value for a required column or one with a default (Appwrite fills the
 * default in on create, even for an explicit `null`). Anything else may be `null`.
 */
export function alwaysPresent(column: Column): boolean {
  return column.required || column.default !== null;
}

/** On create, only a required column without a default must be supplied. */
export function requiredOnCreate(column: Column): boolean {
  return column.required && column.default === null;
}

export function jsonFieldType(type: JsonFieldType): string {
  switch (type) {
    case 'string':
    case 'datetime':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string[]':
      return 'string[]';
    case 'record':
      return 'Record<string, unknown>';
    default: {
      const unhandled: never = type;
      throw new Error(`no TypeScript type for JSON field type ${String(unhandled)}`);
    }
  }
}
