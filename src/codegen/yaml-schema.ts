/**
 * Model -> schema/ YAML files, in the loader's own format (`crm-schema pull`). Pure: returns file names
 * and texts. Fields that hold the loader's default (enabled: true, rowSecurity: false, removedTables:
 * [], required: false, array: false, no default, no encrypt) are left out, as a person would write them, so a pulled directory reads like a hand-written one and
 * loads back into the same Model.
 */
import { stringify } from 'yaml';
import type { Column, Database, Index, Table } from '../model/types.js';

export interface YamlFile {
  /** File name inside the schema directory, e.g. `customers.yaml`. */
  readonly name: string;
  readonly text: string;
}

export interface YamlSchemaOptions {
  /** What the `# yaml-language-server: $schema=` line points at (a path relative to the file, or a URL). */
  readonly schemaRef: string;
  /** One comment line under the `$schema` line of every file, e.g. where the files came from. */
  readonly header?: string;
}

export const DATABASE_FILE_NAME = 'database.yaml';

/** database.yaml first, then one file per table, named after the table id. */
export function modelToYamlFiles(model: Database, options: YamlSchemaOptions): YamlFile[] {
  return [
    { name: DATABASE_FILE_NAME, text: document(databaseData(model), options) },
    ...model.tables.map((table) => ({ name: `${table.id}.yaml`, text: document(tableData(table), options) })),
  ];
}

function document(data: Record<string, unknown>, options: YamlSchemaOptions): string {
  const header = options.header === undefined ? '' : `# ${options.header}\n`;
  // lineWidth 0: never fold long descriptions, so a diff of a re-pulled file stays line-based.
  const body = stringify(data, { lineWidth: 0, indentSeq: true });
  return `# yaml-language-server: $schema=${options.schemaRef}\n${header}${body}`;
}

function databaseData(model: Database): Record<string, unknown> {
  return {
    kind: 'database',
    id: model.id,
    name: model.name,
    ...(model.enabled ? {} : { enabled: false }),
    ...(model.removedTables.length === 0 ? {} : { removedTables: [...model.removedTables] }),
  };
}

function tableData(table: Table): Record<string, unknown> {
  return {
    kind: 'table',
    id: table.id,
    name: table.name,
    ...(table.typeName === undefined ? {} : { typeName: table.typeName }),
    ...(table.description === undefined ? {} : { description: table.description }),
    ...(table.enabled ? {} : { enabled: false }),
    ...(table.rowSecurity ? { rowSecurity: true } : {}),
    ...(table.permissions.length === 0 ? {} : { permissions: [...table.permissions] }),
    ...(table.rowPermissions === undefined ? {} : { rowPermissions: [...table.rowPermissions] }),
    columns: table.columns.map(columnData),
    ...(table.indexes.length === 0 ? {} : { indexes: table.indexes.map(indexData) }),
  };
}

function columnData(column: Column): Record<string, unknown> {
  const data: Record<string, unknown> = { key: column.key, type: column.type };
  if (column.renamedFrom !== undefined) data.renamedFrom = column.renamedFrom;
  switch (column.type) {
    case 'string':
    case 'varchar':
      data.size = column.size;
      break;
    case 'integer':
    case 'float':
      if (column.min !== undefined) data.min = column.min;
      if (column.max !== undefined) data.max = column.max;
      break;
    case 'bigint':
      if (column.min !== undefined) data.min = int64Yaml(column.min);
      if (column.max !== undefined) data.max = int64Yaml(column.max);
      break;
    case 'enum':
    case 'boolean':
    case 'datetime':
    case 'email':
    case 'url':
    case 'ip':
    case 'text':
    case 'mediumtext':
    case 'longtext':
      break;
    default:
      return unreachable(column);
  }
  if (column.required) data.required = true;
  if (column.array) data.array = true;
  if (column.default !== null) data.default = column.type === 'bigint' ? int64Yaml(String(column.default)) : column.default;
  if ((column.type === 'string' || column.type === 'varchar' || column.type === 'text' || column.type === 'mediumtext' || column.type === 'longtext') && column.encrypt) {
    data.encrypt = true;
  }
  if (column.description !== undefined) data.description = column.description;
  if (column.type === 'enum') {
    data.elements = column.elements.map((element) => ({
      value: element.value,
      ...(element.description === undefined ? {} : { description: element.description }),
    }));
  }
  if (column.app !== undefined) data.app = column.app;
  return data;
}

/** A plain number where YAML's double holds it exactly, else the decimal string the loader also reads. */
function int64Yaml(value: string): number | string {
  return Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

function indexData(index: Index): Record<string, unknown> {
  return {
    key: index.key,
    type: index.type,
    columns: index.columns.map((column, i) => {
      const order = index.orders[i] ?? 'asc';
      const length = index.lengths[i] ?? null;
      // The short form means ascending over the whole column; anything else needs the long form.
      if (order === 'asc' && length === null) return column;
      return { column, ...(order === 'asc' ? {} : { order }), ...(length === null ? {} : { length }) };
    }),
    ...(index.description === undefined ? {} : { description: index.description }),
  };
}

function unreachable(value: never): never {
  throw new Error(`unhandled column type ${JSON.stringify(value)}`);
}
