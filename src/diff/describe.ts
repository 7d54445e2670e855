import type { Column, DefaultValue, Index } from '../model/index.js';

/** Short human descriptions shared by operation summaries and reasons. */

export function describeType(column: Column): string {
  const base = column.type === 'string' || column.type === 'varchar' ? `${column.type}(${column.size})` : column.type;
  return column.array ? `${base}[]` : base;
}

export function describeColumn(column: Column): string {
  const parts = [describeType(column), column.required ? 'required' : 'optional'];
  if (column.default !== null) parts.push(`default ${describeValue(column.default)}`);
  if ((column.type === 'integer' || column.type === 'bigint' || column.type === 'float') && (column.min !== undefined || column.max !== undefined)) {
    parts.push(`range ${column.min ?? '-∞'}..${column.max ?? '∞'}`);
  }
  if (column.type === 'enum') parts.push(`one of ${column.elements.map((e) => e.value).join('|')}`);
  if ('encrypt' in column && column.encrypt) parts.push('encrypted');
  return parts.join(', ');
}

export function describeValue(value: DefaultValue | undefined | readonly string[]): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
  return JSON.stringify(value);
}

export function describeIndex(index: Index): string {
  const columns = index.columns
    .map((name, i) => {
      const length = index.lengths[i];
      const order = index.orders[i] === 'desc' ? ' desc' : '';
      return `${name}${length === null || length === undefined ? '' : `(${length})`}${order}`;
    })
    .join(', ');
  return `${index.type} index ${index.key} (${columns})`;
}
