import { TABLE_RULES, type Customer } from '../../generated/schema-types.js';
import type { ServiceContext } from '../context.js';
import { eachPage } from '../paging.js';
import { filterQueries, type CustomerFilter } from './filter.js';

/**
 * Streamed exports: an async iterable of text chunks, one page of rows at a time, so exporting
 * 100,000 customers never holds them all in memory. Pipe it anywhere:
 * `Readable.from(service.admin.exportCustomers({}, 'csv')).pipe(response)`.
 */

export type ExportFormat = 'json' | 'csv';

const SYSTEM_COLUMNS = ['$id', '$createdAt', '$updatedAt'];
const PAGE = 500;

export async function* exportCustomers(ctx: ServiceContext, filter: CustomerFilter, format: ExportFormat): AsyncGenerator<string> {
  const columns = [...SYSTEM_COLUMNS, ...Object.keys(TABLE_RULES.customers.columns)];
  const pages = eachPage<Customer>(ctx, 'customers', filterQueries(filter), PAGE);
  if (format === 'csv') {
    yield `${columns.map(csvField).join(',')}\r\n`;
    for await (const rows of pages) yield rows.map((row) => `${columns.map((c) => csvField((row as unknown as Record<string, unknown>)[c])).join(',')}\r\n`).join('');
    return;
  }
  yield '[';
  let first = true;
  for await (const rows of pages) {
    const body = rows.map((row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, (row as unknown as Record<string, unknown>)[c] ?? null])))).join(',');
    yield first ? body : `,${body}`;
    first = false;
  }
  yield ']\n';
}

/**
 * RFC 4180 quoting; a text cell a spreadsheet would run as a formula (`=`, `@`, or `+`/`-` not
 * followed by a digit, so phone numbers stay intact) gets a leading apostrophe.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^(?:[=@\t\r]|[+-][^0-9\s.])/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
