import type { Column, Index } from '../model/index.js';

/**
 * Whether a live definition already is the desired one, comparing only what Appwrite stores (no
 * documentation fields). Used to accept an "already exists" answer as done on a re-run.
 */
export function sameColumn(live: Column, desired: Column): boolean {
  return JSON.stringify(storedColumn(live)) === JSON.stringify(storedColumn(desired));
}

export function sameIndex(live: Index, desired: Index): boolean {
  return (
    live.type === desired.type &&
    JSON.stringify(live.columns) === JSON.stringify(desired.columns) &&
    JSON.stringify(live.orders) === JSON.stringify(desired.orders) &&
    JSON.stringify(live.lengths) === JSON.stringify(desired.lengths)
  );
}

function storedColumn(column: Column): Record<string, unknown> {
  const stored: Record<string, unknown> = {
    key: column.key,
    type: column.type,
    required: column.required,
    array: column.array,
    default: column.default,
  };
  if (column.type === 'integer' || column.type === 'float') {
    stored.min = column.min ?? null;
    stored.max = column.max ?? null;
  }
  if ('size' in column) stored.size = column.size;
  if ('encrypt' in column) stored.encrypt = column.encrypt;
  if (column.type === 'enum') stored.elements = column.elements.map((element) => element.value);
  return stored;
}
