import { Query } from 'node-appwrite';
import { TABLE_RULES, type Customer } from '../../generated/schema-types.js';
import type { ServiceContext } from '../context.js';
import { mapped } from '../error-mapping.js';
import { normalize } from '../validation/validate-row.js';

/**
 * searchCustomers: the reference runs one search per column because Appwrite has no OR across
 * fulltext searches. We run them concurrently (name, email, company through their fulltext indexes;
 * exact email or phone through their key indexes, in one request), then merge by id and rank: an
 * exact email or phone match first, then an exact name, then an exact company, then by how many
 * columns matched.
 */

export interface SearchOptions {
  readonly limit?: number;
}

interface Hit {
  row: Customer;
  exact: number;
  sources: number;
}

/** Words of the term with fulltext operators removed (they would change MariaDB boolean-mode meaning). */
function fulltextTerm(term: string): string {
  return term.replace(/[+\-<>()~*"@]+/g, ' ').replace(/\s+/g, ' ').trim();
}

export async function searchCustomers(ctx: ServiceContext, term: string, options: SearchOptions = {}): Promise<Customer[]> {
  const limit = options.limit ?? 25;
  const trimmed = term.trim();
  if (trimmed === '') return [];
  // For an email, the words worth searching are its local part: the domain (gmail.com) is shared by
  // many customers, matches all of them and ranks none; the exact lookup below covers the whole address.
  const words = fulltextTerm(trimmed.includes('@') ? trimmed.slice(0, trimmed.indexOf('@')) : trimmed);
  const email = normalize(TABLE_RULES.customers, { email: trimmed })['email'] as string;
  // An email always has an @ and a phone number a digit: other terms skip those lookups. Both go in
  // one request (an OR of two indexed equalities), one round trip fewer for an email.
  const searches: { queries: string[]; exact: number }[] = [];
  const exact: string[] = [];
  if (email.includes('@')) exact.push(Query.equal('email', email));
  if (/\d/.test(trimmed)) exact.push(Query.equal('phone', trimmed));
  if (exact.length > 0) searches.push({ queries: [exact.length === 1 ? (exact[0] as string) : Query.or(exact)], exact: 3 });
  if (words !== '') {
    for (const column of ['name', 'email', 'company']) searches.push({ queries: [Query.search(column, words)], exact: 0 });
  }
  const pages = await Promise.all(
    searches.map(({ queries }) =>
      mapped(() => ctx.tables.listRows({ ...ctx.at('customers'), queries: [...queries, Query.limit(limit)], total: false })),
    ),
  );
  const hits = new Map<string, Hit>();
  const lower = trimmed.toLowerCase();
  pages.forEach((page, i) => {
    for (const row of page.rows as unknown as Customer[]) {
      const hit = hits.get(row.$id) ?? { row, exact: 0, sources: 0 };
      hit.sources++;
      hit.exact = Math.max(hit.exact, searches[i]!.exact);
      if (row.name.toLowerCase() === lower) hit.exact = Math.max(hit.exact, 2);
      else if (row.company?.toLowerCase() === lower) hit.exact = Math.max(hit.exact, 1);
      hits.set(row.$id, hit);
    }
  });
  return [...hits.values()]
    .sort((a, b) => b.exact - a.exact || b.sources - a.sources || a.row.name.localeCompare(b.row.name) || (a.row.$id < b.row.$id ? -1 : 1))
    .slice(0, limit)
    .map((hit) => hit.row);
}
