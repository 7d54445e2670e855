/**
 * Turns a `search` term into an FTS5 match expression with Appwrite's MariaDB semantics
 * (`getFulltextValue` + boolean mode): the words are alternatives (a row matches if it holds any of
 * them), the last word also matches as a prefix, and a term wrapped in double quotes is an exact
 * phrase. MariaDB's operator characters are dropped. Every token is re-quoted, so no FTS5 syntax
 * from the user ever reaches MATCH.
 */

/** Same split as FTS5's default unicode61 tokenizer: runs of letters and digits. */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/** Returns undefined when the term has no words (MariaDB then matches nothing). */
export function ftsMatchExpression(term: string): string | undefined {
  const trimmed = term.trim();
  const exact = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"');
  const tokens = trimmed.match(TOKEN) ?? [];
  if (tokens.length === 0) return undefined;
  const quoted = tokens.map((token) => `"${token}"`);
  if (exact) return `"${tokens.join(' ')}"`;
  const last = quoted.length - 1;
  return quoted.map((token, i) => (i === last ? `${token}*` : token)).join(' OR ');
}
