import type { Column, Table } from '../model/types.js';
import type { TableNames } from './plan-names.js';
import { INDENT, jsdoc, LINE_WIDTH, propertyKey, stringLiteral } from './ts-syntax.js';

/**
 * The validation rules of every column as plain data (`TABLE_RULES`), next to the types generated
 * from the same Model: the runtime's validators interpret this table, so what `validate` accepts,
 * what the types say and what the runtime enforces come from one schema and cannot drift apart.
 */

type Literal = string | number | boolean | null | readonly Literal[] | { readonly [key: string]: Literal | undefined };

/** Source text of a plain value: one line when it fits, else one entry per line. */
export function literal(value: Literal, indent: string, prefix: string): string[] {
  const flat = flatLiteral(value);
  if (indent.length + prefix.length + flat.length + 1 <= LINE_WIDTH || typeof value !== 'object' || value === null) {
    return [`${indent}${prefix}${flat}`];
  }
  const inner = indent + INDENT;
  const [open, close, entries] = Array.isArray(value)
    ? ['[', ']', (value as readonly Literal[]).map((item) => literal(item, inner, ''))]
    : ['{', '}', Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => literal(v as Literal, inner, `${propertyKey(k)}: `))];
  return [`${indent}${prefix}${open}`, ...entries.map((lines) => [...lines.slice(0, -1), `${lines[lines.length - 1]},`]).flat(), `${indent}${close}`];
}

function flatLiteral(value: Literal): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${(value as readonly Literal[]).map(flatLiteral).join(', ')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${flatLiteral(v as Literal)}`).join(', ')} }`;
}

/** Fixed lengths of the types whose size Appwrite decides (api-facts §2.4). */
const FIXED_SIZES: Readonly<Record<string, number>> = { email: 254, url: 2000, ip: 39, enum: 255 };

function columnRules(column: Column): Literal {
  const app = column.app;
  return {
    type: column.type,
    required: column.required ? true : undefined,
    array: column.array ? true : undefined,
    default: column.default === null ? undefined : column.default,
    size: 'size' in column ? column.size : FIXED_SIZES[column.type],
    min: 'min' in column ? column.min : undefined,
    max: 'max' in column ? column.max : undefined,
    elements: column.type === 'enum' ? column.elements.map((element) => element.value) : undefined,
    maxLength: app?.maxLength,
    format: app?.format,
    normalize: app?.normalize === undefined ? undefined : [...app.normalize],
    immutable: app?.immutable,
    adminOnly: app?.adminOnly,
    requiredWhen: app?.requiredWhen === undefined ? undefined : { column: app.requiredWhen.column, in: [...app.requiredWhen.in] },
    json: app?.json === undefined ? undefined : Object.fromEntries(app.json.fields.map((field) => [field.name, field.type])),
  };
}

function tableRules(table: Table): Literal {
  return {
    rowPermissions: [...(table.rowPermissions ?? [])],
    columns: Object.fromEntries(table.columns.map((column) => [column.key, columnRules(column)])),
  };
}

const RULE_TYPES = [
  "export type JsonFieldRule = 'string' | 'number' | 'boolean' | 'datetime' | 'string[]' | 'record';",
  '',
  '/** What the runtime checks for one column (absent fields do not apply). */',
  'export interface ColumnRules {',
  `${INDENT}type: string;`,
  `${INDENT}required?: boolean;`,
  `${INDENT}array?: boolean;`,
  `${INDENT}default?: string | number | boolean;`,
  ...jsdoc(['Characters (varchar/string and the fixed-size formats).'], INDENT),
  `${INDENT}size?: number;`,
  `${INDENT}min?: number;`,
  `${INDENT}max?: number;`,
  `${INDENT}elements?: readonly string[];`,
  `${INDENT}maxLength?: number;`,
  `${INDENT}format?: 'email';`,
  `${INDENT}normalize?: readonly ('trim' | 'lowercase')[];`,
  `${INDENT}immutable?: boolean;`,
  `${INDENT}adminOnly?: boolean;`,
  `${INDENT}requiredWhen?: { column: string; in: readonly string[] };`,
  ...jsdoc(['A JSON document stored as text: its fields and their types.'], INDENT),
  `${INDENT}json?: Readonly<Record<string, JsonFieldRule>>;`,
  '}',
  '',
  '/** The rules of one table: its columns and the row permission templates the application applies. */',
  'export interface TableRules {',
  `${INDENT}rowPermissions: readonly string[];`,
  `${INDENT}columns: Readonly<Record<string, ColumnRules>>;`,
  '}',
];

export function emitRules(tables: readonly TableNames[]): string[][] {
  const body = Object.fromEntries(tables.map(({ table }) => [table.id, tableRules(table)]));
  const lines = literal(body, '', 'export const TABLE_RULES: Readonly<Record<TableId, TableRules>> = ');
  lines[lines.length - 1] += ';';
  return [RULE_TYPES, [...jsdoc(['Validation rules of every table, generated from the schema (read by `crm-schema/runtime`).'], ''), ...lines]];
}
