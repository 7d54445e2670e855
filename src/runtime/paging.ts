import { Query } from 'node-appwrite';
import type { TableId } from '../generated/schema-types.js';
import type { ServiceContext } from './context.js';
import { mapped } from './error-mapping.js';

/**
 * Every row matching queries, page by page with a cursor (never by `total`, which Appwrite stops
 * counting at 5,000, and never by offset, which rereads what it skips).
 */
export async function* eachPage<T extends { $id: string }>(
  ctx: ServiceContext,
  tableId: TableId,
  queries: readonly string[],
  pageSize = 1000,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = [...queries, Query.limit(pageSize)];
    if (cursor !== undefined) page.push(Query.cursorAfter(cursor));
    const { rows } = await mapped(() => ctx.tables.listRows({ ...ctx.at(tableId), queries: page, total: false }));
    if (rows.length > 0) yield rows as unknown as T[];
    if (rows.length < pageSize) return;
    cursor = rows[rows.length - 1]!.$id;
  }
}

export async function allRows<T extends { $id: string }>(ctx: ServiceContext, tableId: TableId, queries: readonly string[]): Promise<T[]> {
  const out: T[] = [];
  for await (const rows of eachPage<T>(ctx, tableId, queries)) out.push(...rows);
  return out;
}
