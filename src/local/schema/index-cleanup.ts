import type { IndexMeta } from './types.js';

/**
 * What deleting a column does to the table's indexes, as Appwrite's database worker does it
 * (Modules/Databases/Workers/Databases.php, deleteAttribute): each index that names the column loses
 * it; an index left with no column is deleted; one whose columns and orders now equal another index's
 * (any type, the other as already changed by this same pass, deleted or not) is deleted too.
 * The worker removes the order and length with PHP's array_diff, which drops every entry equal to
 * the removed one (and nothing when the length is null); that is kept, since it decides which
 * indexes count as duplicates.
 */
export interface IndexCleanup {
  /** Indexes that stay, with their new columns, orders and lengths. */
  changed: IndexMeta[];
  deleted: IndexMeta[];
}

export function indexesAfterColumnDelete(indexes: readonly IndexMeta[], key: string): IndexCleanup {
  const current = indexes.map((index) => ({ ...index }));
  const result: IndexCleanup = { changed: [], deleted: [] };
  for (const index of current) {
    const found = index.columns.indexOf(key);
    if (found < 0) continue;
    const order = index.orders[found];
    const length = index.lengths[found];
    index.columns = index.columns.filter((column) => column !== key);
    index.orders = order === undefined || order === null ? index.orders : index.orders.filter((o) => phpString(o) !== phpString(order));
    index.lengths = length === undefined || length === null ? index.lengths : index.lengths.filter((l) => phpString(l) !== phpString(length));
    const duplicate = current.some((other) => other.key !== index.key && sameList(other.columns, index.columns) && sameList(other.orders, index.orders));
    if (index.columns.length === 0 || duplicate) result.deleted.push(index);
    else result.changed.push(index);
  }
  return result;
}

/** PHP's (string) cast, which array_diff compares by. */
function phpString(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
