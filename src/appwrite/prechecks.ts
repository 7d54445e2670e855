import { Query, type Models } from 'node-appwrite';
import { attachPrecheckResult, type Plan, type Precheck, type PrecheckResult } from '../plan/index.js';
import type { Gateway } from './gateway.js';

const SAMPLE = 10;
const PAGE = 1000;

/** The plan with every pre-check run against the live rows now (replacing older results). */
export async function withPrecheckResults(gateway: Gateway, plan: Plan): Promise<Plan> {
  let checked = plan;
  for (const check of plan.prechecks) checked = attachPrecheckResult(checked, check.id, await runPrecheck(gateway, check));
  return checked;
}

/**
 * Runs one data-dependent pre-check against the live rows. Filters Appwrite can express are one
 * request (`total` is exact up to Appwrite's count cap of 5000); string lengths and duplicates have
 * no query operator, so those pages through the column with a cursor and decides locally.
 */
export async function runPrecheck(gateway: Gateway, check: Precheck): Promise<PrecheckResult> {
  switch (check.kind) {
    case 'enum_values_in_use':
      return countMatching(gateway, check.table, [Query.equal(check.column, [...check.values])]);
    case 'nulls_in_required':
      return countMatching(gateway, check.table, [Query.isNull(check.column)]);
    case 'rows_missing_required':
      return countMatching(gateway, check.table, []);
    case 'values_out_of_range': {
      const bounds = [];
      if (check.min !== undefined) bounds.push(Query.lessThan(check.column, check.min));
      if (check.max !== undefined) bounds.push(Query.greaterThan(check.column, check.max));
      const filter = bounds.length > 1 ? [Query.or(bounds)] : bounds;
      return countMatching(gateway, check.table, filter);
    }
    case 'values_too_long':
      return scan(gateway, check.table, [check.column], (row) => tooLong(row[check.column], check.maxLength));
    case 'duplicates_under_unique':
      return findDuplicates(gateway, check.table, check.columns);
    default:
      return assertNever(check);
  }
}

async function countMatching(gateway: Gateway, tableId: string, filters: string[]): Promise<PrecheckResult> {
  const page = await gateway.tablesDb.listRows({
    ...gateway.at(tableId),
    queries: [...filters, Query.select(['$id']), Query.limit(SAMPLE)],
  });
  return { violatingRows: page.total, sampleRowIds: page.rows.map((row) => row.$id) };
}

async function* allRows(gateway: Gateway, tableId: string, columns: readonly string[]): AsyncGenerator<Models.Row> {
  let cursor: string | undefined;
  for (;;) {
    const queries = [Query.select(['$id', ...columns]), Query.limit(PAGE), Query.orderAsc('$id')];
    if (cursor !== undefined) queries.push(Query.cursorAfter(cursor));
    const page = await gateway.tablesDb.listRows({ ...gateway.at(tableId), queries, total: false });
    yield* page.rows;
    const last = page.rows.at(-1);
    if (last === undefined || page.rows.length < PAGE) return;
    cursor = last.$id;
  }
}

async function scan(
  gateway: Gateway,
  tableId: string,
  columns: readonly string[],
  violates: (row: Record<string, unknown>) => boolean,
): Promise<PrecheckResult> {
  let violatingRows = 0;
  const sampleRowIds: string[] = [];
  for await (const row of allRows(gateway, tableId, columns)) {
    if (!violates(row)) continue;
    violatingRows++;
    if (sampleRowIds.length < SAMPLE) sampleRowIds.push(row.$id);
  }
  return { violatingRows, sampleRowIds };
}

async function findDuplicates(gateway: Gateway, tableId: string, columns: readonly string[]): Promise<PrecheckResult> {
  const firstSeen = new Map<string, string>();
  const duplicated = new Map<string, string[]>();
  for await (const row of allRows(gateway, tableId, columns)) {
    const values = columns.map((column) => (row as Record<string, unknown>)[column]);
    // Rows with a null in the key never collide in a unique index (SQL semantics).
    if (values.some((value) => value === null || value === undefined)) continue;
    // MariaDB's default collation compares text case-insensitively, so the index would too.
    const key = JSON.stringify(values.map((value) => (typeof value === 'string' ? value.toLowerCase() : value)));
    const first = firstSeen.get(key);
    if (first === undefined) firstSeen.set(key, row.$id);
    else duplicated.set(key, [...(duplicated.get(key) ?? [first]), row.$id]);
  }
  const rows = [...duplicated.values()].flat();
  return {
    violatingRows: rows.length,
    sampleRowIds: rows.slice(0, SAMPLE),
    sampleValues: [...duplicated.keys()].slice(0, SAMPLE),
  };
}

function tooLong(value: unknown, maxLength: number): boolean {
  if (typeof value === 'string') return [...value].length > maxLength;
  if (Array.isArray(value)) return value.some((item) => tooLong(item, maxLength));
  return false;
}

function assertNever(value: never): never {
  throw new Error(`unhandled pre-check: ${JSON.stringify(value)}`);
}
