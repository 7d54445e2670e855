import { CrmSchemaError } from '../errors.js';
import { COLUMN_TYPES, type Database } from '../model/index.js';

/**
 * Parses a Model snapshot (the JSON of a Database, as `JSON.stringify(model)` writes it) for offline
 * diffs. Checks the shape the diff relies on and names the first wrong member by its path; the rules
 * the YAML loader enforces (Appwrite limits and the like) are not repeated here.
 */
export function parseSnapshot(text: string, source: string): Database {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CrmSchemaError('schema_invalid', `${source} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value === 'object' && value !== null && 'formatVersion' in value && 'operations' in value) {
    throw new CrmSchemaError(
      'schema_invalid',
      `${source} is a saved plan (crm-schema plan --out), not a model snapshot; write one with \`crm-schema pull --snapshot <file>.json\``,
      { details: { source } },
    );
  }
  const problem = databaseProblem(value);
  if (problem !== undefined) {
    throw new CrmSchemaError('schema_invalid', `${source} is not a crm-schema model snapshot: ${problem}`, { details: { source } });
  }
  const db = value as Database & { removedTables?: readonly string[] };
  return { ...db, removedTables: db.removedTables ?? [] };
}

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === 'string' ? undefined : 'expected a string');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'expected true or false');
const isNumber: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'expected a number');
const optional = (check: Check): Check => (v) => (v === undefined ? undefined : check(v));
const nullable = (check: Check): Check => (v) => (v === null ? undefined : check(v));
const isDefault: Check = (v) => (v === null || ['string', 'number', 'boolean'].includes(typeof v) ? undefined : 'expected a string, number, boolean or null');
const oneOf = (values: readonly string[]): Check => (v) =>
  typeof v === 'string' && values.includes(v) ? undefined : `expected one of ${values.join(', ')}`;

function listOf(check: Check): Check {
  return (v) => {
    if (!Array.isArray(v)) return 'expected a list';
    for (const [i, item] of v.entries()) {
      const found = check(item);
      if (found !== undefined) return `[${i}]${found.startsWith('.') || found.startsWith('[') ? '' : ': '}${found}`;
    }
    return undefined;
  };
}

function objectOf(members: Record<string, Check>): Check {
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'expected an object';
    for (const [name, check] of Object.entries(members)) {
      const found = check((v as Record<string, unknown>)[name]);
      if (found !== undefined) return `.${name}${found.startsWith('.') || found.startsWith('[') ? '' : ': '}${found}`;
    }
    return undefined;
  };
}

const columnBase = { key: isString, type: oneOf(COLUMN_TYPES), required: isBoolean, array: isBoolean, default: isDefault, renamedFrom: optional(isString) };

const column: Check = (v) => {
  const base = objectOf(columnBase)(v);
  if (base !== undefined) return base;
  const type = (v as { type: string }).type;
  if (type === 'string' || type === 'varchar') return objectOf({ size: isNumber, encrypt: isBoolean })(v);
  if (type === 'text' || type === 'mediumtext' || type === 'longtext') return objectOf({ encrypt: isBoolean })(v);
  if (type === 'integer' || type === 'float') return objectOf({ min: optional(isNumber), max: optional(isNumber) })(v);
  if (type === 'bigint') return objectOf({ min: optional(isString), max: optional(isString) })(v);
  if (type === 'enum') return objectOf({ elements: listOf(objectOf({ value: isString })) })(v);
  return undefined;
};

const index = objectOf({
  key: isString,
  type: oneOf(['key', 'unique', 'fulltext']),
  columns: listOf(isString),
  orders: listOf(oneOf(['asc', 'desc'])),
  lengths: listOf(nullable(isNumber)),
});

const table = objectOf({
  id: isString,
  name: isString,
  enabled: isBoolean,
  rowSecurity: isBoolean,
  permissions: listOf(isString),
  columns: listOf(column),
  indexes: listOf(index),
});

const database = objectOf({
  id: isString,
  name: isString,
  enabled: isBoolean,
  tables: listOf(table),
  removedTables: optional(listOf(isString)),
});

function databaseProblem(value: unknown): string | undefined {
  const found = database(value);
  if (found === undefined) return undefined;
  return found.startsWith('.') || found.startsWith('[') ? `$${found}` : `$: ${found}`;
}
