import type { ColumnMeta, DatabaseMeta, IndexMeta, TableMeta } from '../schema/types.js';
import { FORMAT_OF } from '../schema/types.js';
import type { Facade } from './facade.js';
import { bytesUsed, BYTES_MAX } from '../schema/row-width.js';
import type { LocalProject } from '../project.js';

/** Appwrite's response models (§7), per façade. */

export function databaseModel(database: DatabaseMeta): Record<string, unknown> {
  return {
    $id: database.id,
    name: database.name,
    $createdAt: database.createdAt,
    $updatedAt: database.updatedAt,
    enabled: database.enabled,
    type: database.type,
  };
}

export function columnModel(column: ColumnMeta): Record<string, unknown> {
  const { spec, kind } = column;
  const model: Record<string, unknown> = {
    key: column.key,
    type: kind,
    status: column.status,
    error: column.error,
    required: spec.required,
    array: spec.array,
    $createdAt: column.createdAt,
    $updatedAt: column.updatedAt,
  };
  const format = FORMAT_OF[kind];
  switch (kind) {
    case 'string':
    case 'varchar':
      Object.assign(model, { size: spec.size, default: spec.default, encrypt: spec.encrypt ?? false });
      break;
    case 'text':
    case 'mediumtext':
    case 'longtext':
      Object.assign(model, { default: spec.default, encrypt: spec.encrypt ?? false });
      break;
    case 'integer':
    case 'bigint':
      // An inline column created without bounds has none (Appwrite shows null).
      Object.assign(model, { min: spec.min ?? null, max: spec.max ?? null, default: spec.default });
      break;
    case 'float':
      Object.assign(model, { type: 'double', min: spec.min ?? null, max: spec.max ?? null, default: spec.default });
      break;
    case 'boolean':
      model['default'] = spec.default;
      break;
    case 'datetime':
      Object.assign(model, { format: 'datetime', default: spec.default });
      break;
    default:
      Object.assign(model, { type: 'string', format, default: spec.default });
      if (kind === 'enum') model['elements'] = spec.elements ?? [];
  }
  return model;
}

export function indexModel(index: IndexMeta, table: TableMeta, facade: Facade): Record<string, unknown> {
  return {
    $id: `${table.dbSeq}_${table.seq}_${index.key}`,
    $createdAt: index.createdAt,
    $updatedAt: index.updatedAt,
    key: index.key,
    type: index.type,
    status: index.status,
    error: index.error,
    [facade.columnsField]: index.columns,
    lengths: index.lengths,
    orders: index.orders,
  };
}

export function tableModel(project: LocalProject, table: TableMeta, facade: Facade): Record<string, unknown> {
  const columns = project.store.listColumns(table.seq);
  const indexes = project.store.listIndexes(table.seq);
  return {
    $id: table.id,
    $createdAt: table.createdAt,
    $updatedAt: table.updatedAt,
    $permissions: table.permissions,
    databaseId: table.databaseId,
    name: table.name,
    enabled: table.enabled,
    [facade.securityField]: table.rowSecurity,
    [facade.columnsField]: columns.map(columnModel),
    indexes: indexes.map((index) => indexModel(index, table, facade)),
    bytesMax: BYTES_MAX,
    bytesUsed: bytesUsed(columns),
  };
}
