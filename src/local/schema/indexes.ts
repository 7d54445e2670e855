import type { LocalProject } from '../project.js';
import type { IndexMeta, IndexType } from './types.js';
import { LocalApiError } from '../errors.js';
import { indexAlreadyExists, indexNotFound } from '../error-catalog.js';
import type { Params } from '../params.js';
import { invalidParam, keyParam, requirePresent } from '../params.js';
import { validateIndex } from './index-rules.js';
import { MAX_INDEXES } from './row-width.js';

const INDEX_TYPES: readonly string[] = ['key', 'fulltext', 'unique', 'spatial'];

function parseIndexParams(params: Params, columnsParam: 'columns' | 'attributes'): Pick<IndexMeta, 'key' | 'type' | 'columns' | 'orders' | 'lengths'> {
  const key = keyParam(params, 'key');
  const type = requirePresent(params, 'type');
  if (typeof type !== 'string' || !INDEX_TYPES.includes(type)) {
    throw invalidParam('type', `Value must be one of (${INDEX_TYPES.join(', ')})`);
  }
  const columns = requirePresent(params, columnsParam);
  // An empty list passes the param (ArrayList); utopia's Index validator refuses it later, in its words.
  if (!Array.isArray(columns) || columns.length > 100 || !columns.every((c) => typeof c === 'string')) {
    throw invalidParam(columnsParam, 'Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 chars and no longer than 255 chars');
  }
  const orders = params['orders'] ?? [];
  if (!Array.isArray(orders) || orders.length > 100 || !orders.every((o) => typeof o === 'string' && ['ASC', 'DESC'].includes(o.toUpperCase()))) {
    throw invalidParam('orders', 'Value must a valid array no longer than 100 items and Value must be one of (ASC, DESC)');
  }
  const lengths = params['lengths'] ?? [];
  if (!Array.isArray(lengths) || lengths.length > 100 || !lengths.every((l) => l === null || (typeof l === 'number' && Number.isInteger(l)))) {
    throw invalidParam('lengths', 'Value must a valid array no longer than 100 items and Value must be a valid integer');
  }
  if (type === 'spatial') throw new LocalApiError(400, 'column_index_invalid', 'Spatial indexes can only be created on spatial attributes');
  return { key, type: type as IndexType, columns: columns as string[], orders: orders as string[], lengths: lengths as (number | null)[] };
}

export function createIndex(project: LocalProject, databaseId: string, tableId: string, params: Params, columnsParam: 'columns' | 'attributes'): IndexMeta {
  const shape = parseIndexParams(params, columnsParam);
  const context = project.context(databaseId, tableId);
  // Indexes/Create.php counts the table's indexes before it looks at the columns.
  if (context.indexes.length >= MAX_INDEXES) {
    throw new LocalApiError(400, 'column_index_limit_exceeded', `The maximum number of indexes for table '${context.table.id}' has been reached.`);
  }
  validateIndex(shape, context.columns);
  if (context.indexes.some((i) => i.key === shape.key)) throw indexAlreadyExists(shape.key);
  const lengths = shape.columns.map((_, i) => shape.lengths[i] ?? null);
  const index = project.store.insertIndex(context.table.seq, { ...shape, lengths }, 'processing');
  project.enqueue({ target: 'index', action: 'create', seq: index.seq });
  return index;
}

export function findIndex(project: LocalProject, databaseId: string, tableId: string, key: string): IndexMeta {
  const context = project.context(databaseId, tableId);
  const index = context.indexes.find((i) => i.key === key);
  if (!index) throw indexNotFound(key);
  return index;
}

export function deleteIndex(project: LocalProject, databaseId: string, tableId: string, key: string): void {
  const index = findIndex(project, databaseId, tableId, key);
  if (index.status === 'deleting') return;
  if (index.status === 'available') project.store.setIndexStatus(index.seq, 'deleting');
  project.enqueue({ target: 'index', action: 'delete', seq: index.seq });
}
