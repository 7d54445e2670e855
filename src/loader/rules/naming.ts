/** Appwrite's Key/CustomId rule and name lengths (api-facts §4.1). */
import { MAX_KEY_LENGTH, MAX_NAME_LENGTH } from '../../model/limits.js';
import { problemAt, type NodePath, type PathProblem } from '../problem.js';

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export const KEY_HINT =
  'at most 36 chars; valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore; can\'t start with a special char';

export function isValidKey(value: string): boolean {
  return value.length >= 1 && value.length <= MAX_KEY_LENGTH && KEY_PATTERN.test(value);
}

/** `what` reads like "column key"; `rule` is the full rule id, e.g. `column-key-format`. */
export function checkKey(path: NodePath, value: string, what: string, rule: string): PathProblem[] {
  if (isValidKey(value)) return [];
  const why = value.length > MAX_KEY_LENGTH ? `is ${value.length} chars long` : 'has an invalid format';
  return [problemAt(path, rule, `${what} "${value}" ${why}`, KEY_HINT)];
}

export function checkName(path: NodePath, value: string, what: string, rule: string): PathProblem[] {
  if (value.length >= 1 && value.length <= MAX_NAME_LENGTH) return [];
  return [
    problemAt(path, rule, `${what} must be 1-${MAX_NAME_LENGTH} chars, got ${value.length}`, 'shorten it; names are for display only'),
  ];
}

/** Reports every entry whose lower-cased text was seen before (MariaDB compares names case-insensitively). */
export function duplicatesIgnoringCase<T>(
  items: readonly T[],
  text: (item: T) => string,
): { item: T; index: number; firstIndex: number }[] {
  const firstSeen = new Map<string, number>();
  const found: { item: T; index: number; firstIndex: number }[] = [];
  items.forEach((item, index) => {
    const folded = text(item).toLowerCase();
    const first = firstSeen.get(folded);
    if (first === undefined) firstSeen.set(folded, index);
    else found.push({ item, index, firstIndex: first });
  });
  return found;
}
