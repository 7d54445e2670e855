/**
 * Raw (shape-checked) YAML data -> the canonical Model. Lenient on purpose: it also runs before the
 * semantic rules (which need row widths and column capacities), so it never throws on values those
 * rules will report.
 */
import type { Column, Database, Index, Table } from '../model/types.js';
import { int64Text } from '../model/int64.js';
import { indexColumnEntry, type RawColumn, type RawDatabaseFile, type RawIndex, type RawTableFile } from './raw-types.js';

export function buildColumn(raw: RawColumn): Column {
  const base = {
    key: raw.key,
    required: raw.required ?? false,
    array: raw.array ?? false,
    default: raw.default ?? null,
    ...(raw.description === undefined ? {} : { description: raw.description }),
    ...(raw.renamedFrom === undefined ? {} : { renamedFrom: raw.renamedFrom }),
    ...(raw.app === undefined ? {} : { app: buildApp(raw.app) }),
  };
  switch (raw.type) {
    case 'integer':
    case 'float':
      return {
        ...base,
        type: raw.type,
        ...(raw.min === undefined ? {} : { min: Number(raw.min) }),
        ...(raw.max === undefined ? {} : { max: Number(raw.max) }),
      };
    case 'bigint':
      // Canonical decimal strings; a value the rules will refuse is kept as written.
      return {
        ...base,
        type: 'bigint',
        default: raw.default === undefined || raw.default === null ? null : int64Text(raw.default) ?? String(raw.default),
        ...(raw.min === undefined ? {} : { min: int64Text(raw.min) ?? String(raw.min) }),
        ...(raw.max === undefined ? {} : { max: int64Text(raw.max) ?? String(raw.max) }),
      };
    case 'enum':
      return {
        ...base,
        type: 'enum',
        elements: (raw.elements ?? []).map((e) => ({
          value: e.value,
          ...(e.description === undefined ? {} : { description: e.description }),
        })),
      };
    case 'string':
    case 'varchar':
      return { ...base, type: raw.type, size: raw.size ?? 0, encrypt: raw.encrypt ?? false };
    case 'text':
    case 'mediumtext':
    case 'longtext':
      return { ...base, type: raw.type, encrypt: raw.encrypt ?? false };
    case 'email':
    case 'url':
    case 'ip':
      return { ...base, type: raw.type };
    case 'boolean':
    case 'datetime':
      return { ...base, type: raw.type };
  }
}

function buildApp(app: NonNullable<RawColumn['app']>): NonNullable<Column['app']> {
  return {
    ...(app.maxLength === undefined ? {} : { maxLength: app.maxLength }),
    ...(app.format === undefined ? {} : { format: app.format }),
    ...(app.normalize === undefined ? {} : { normalize: [...app.normalize] }),
    ...(app.immutable === undefined ? {} : { immutable: app.immutable }),
    ...(app.requiredWhen === undefined ? {} : { requiredWhen: { column: app.requiredWhen.column, in: [...app.requiredWhen.in] } }),
    ...(app.adminOnly === undefined ? {} : { adminOnly: app.adminOnly }),
    ...(app.json === undefined
      ? {}
      : {
          json: {
            typeName: app.json.typeName,
            fields: app.json.fields.map((f) => ({
              name: f.name,
              type: f.type,
              ...(f.description === undefined ? {} : { description: f.description }),
            })),
          },
        }),
  };
}

function buildIndex(raw: RawIndex): Index {
  const entries = raw.columns.map(indexColumnEntry);
  return {
    key: raw.key,
    type: raw.type,
    columns: entries.map((e) => e.column),
    orders: entries.map((e) => e.order),
    lengths: entries.map((e) => e.length),
    ...(raw.description === undefined ? {} : { description: raw.description }),
  };
}

export function buildTable(raw: RawTableFile): Table {
  return {
    id: raw.id,
    name: raw.name,
    enabled: raw.enabled ?? true,
    rowSecurity: raw.rowSecurity ?? false,
    permissions: [...(raw.permissions ?? [])].sort(),
    columns: raw.columns.map(buildColumn),
    indexes: (raw.indexes ?? []).map(buildIndex),
    ...(raw.description === undefined ? {} : { description: raw.description }),
    ...(raw.typeName === undefined ? {} : { typeName: raw.typeName }),
    ...(raw.rowPermissions === undefined ? {} : { rowPermissions: [...raw.rowPermissions].sort() }),
  };
}

export function buildDatabase(raw: RawDatabaseFile, tables: readonly Table[]): Database {
  return {
    id: raw.id,
    name: raw.name,
    enabled: raw.enabled ?? true,
    tables: [...tables].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    removedTables: [...(raw.removedTables ?? [])].sort(),
  };
}
