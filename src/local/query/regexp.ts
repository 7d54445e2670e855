/**
 * The `regexp(pattern, value)` SQL function that SQLite calls for `value REGEXP pattern` (the regex
 * query compiles to that). SQLite has no built-in; the server registers this one on its connection:
 *   db.function('regexp', { deterministic: true }, sqlRegexp)
 * Matching is case-insensitive, like MariaDB's REGEXP under its default case-insensitive collation.
 * Patterns are JavaScript regular expressions (MariaDB uses PCRE; the common syntax is shared).
 */
const compiled = new Map<string, RegExp>();
const CACHE_LIMIT = 256;

export function sqlRegexp(pattern: unknown, value: unknown): number | null {
  if (pattern === null || value === null || pattern === undefined || value === undefined) return null;
  const source = String(pattern);
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(source, 'i');
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(source, regex);
  }
  return regex.test(String(value)) ? 1 : 0;
}
