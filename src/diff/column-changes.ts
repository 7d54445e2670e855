import type { Column } from '../model/index.js';
import type { ColumnChange, ReplacedProperty, Risk } from '../plan/types.js';
import { sameStoredType } from '../model/limits.js';
import { describeValue } from './describe.js';

/** How one live column differs from its desired definition, before any id or ordering is decided. */
export type ColumnComparison =
  | { readonly kind: 'same' }
  | { readonly kind: 'replace'; readonly replaced: readonly ReplacedProperty[]; readonly reasons: readonly string[] }
  | { readonly kind: 'update'; readonly changes: readonly ColumnChange[]; readonly reasons: readonly string[] };

/**
 * Compares a live column with its desired definition. Type (which includes the format: email, url,
 * ip, enum), array-ness and encryption cannot change in place in Appwrite; everything else can.
 * A legacy `string` and the varchar/text type Appwrite stores it as are the same type here.
 * Documentation fields (description, app rules, element descriptions) are ignored.
 */
export function compareColumns(actual: Column, desired: Column): ColumnComparison {
  const replaced: ReplacedProperty[] = [];
  const replaceReasons: string[] = [];
  const sameType = sameStoredType(actual, desired);
  if (!sameType) {
    replaced.push('type');
    replaceReasons.push(`type ${actual.type} → ${desired.type} (Appwrite cannot change a column's type in place)`);
  }
  if (actual.array !== desired.array) {
    replaced.push('array');
    replaceReasons.push(`array ${actual.array} → ${desired.array} (Appwrite cannot change array-ness in place)`);
  }
  const actualEncrypt = encryptOf(actual);
  const desiredEncrypt = encryptOf(desired);
  if (sameType && actualEncrypt !== desiredEncrypt) {
    replaced.push('encrypt');
    replaceReasons.push(`encrypt ${actualEncrypt} → ${desiredEncrypt} (Appwrite cannot change encryption in place)`);
  }
  if (replaced.length > 0) return { kind: 'replace', replaced, reasons: replaceReasons };

  const changes = inPlaceChanges(actual, desired);
  if (changes.length === 0) return { kind: 'same' };
  return { kind: 'update', changes: changes.map((c) => c.change), reasons: changes.map((c) => c.reason) };
}

interface DescribedChange {
  readonly change: ColumnChange;
  readonly reason: string;
}

function inPlaceChanges(actual: Column, desired: Column): DescribedChange[] {
  const found: DescribedChange[] = [];
  const add = (property: ColumnChange['property'], from: unknown, to: unknown, risk: Risk, reason: string): void => {
    found.push({ change: { property, from, to, risk }, reason });
  };

  if (actual.required !== desired.required) {
    if (desired.required) add('required', false, true, 'data_dependent', 'becomes required (rows holding null would break)');
    else add('required', true, false, 'safe', 'becomes optional');
  }
  if (actual.default !== desired.default) {
    add('default', actual.default, desired.default, 'safe', `default ${describeValue(actual.default)} → ${describeValue(desired.default)}`);
  }
  if ((actual.type === 'string' || actual.type === 'varchar') && (desired.type === 'string' || desired.type === 'varchar')) {
    if (actual.size < desired.size) add('size', actual.size, desired.size, 'safe', `size ${actual.size} → ${desired.size} (widens)`);
    if (actual.size > desired.size) {
      add('size', actual.size, desired.size, 'data_dependent', `size ${actual.size} → ${desired.size} (shrinks: longer stored values would not fit)`);
    }
  }
  const actualRange = rangeOf(actual);
  const desiredRange = rangeOf(desired);
  if (actualRange !== undefined && desiredRange !== undefined) {
    const [aMin, aMax] = actualRange;
    const [dMin, dMax] = desiredRange;
    if (!sameBound(aMin, dMin)) {
      const tightens = dMin !== undefined && (aMin === undefined || compareBounds(dMin, aMin) > 0);
      add('min', aMin ?? null, dMin ?? null, tightens ? 'data_dependent' : 'safe',
        `min ${bound(aMin)} → ${bound(dMin)}${tightens ? ' (tightens: smaller stored values would be out of range)' : ' (loosens)'}`);
    }
    if (!sameBound(aMax, dMax)) {
      const tightens = dMax !== undefined && (aMax === undefined || compareBounds(dMax, aMax) < 0);
      add('max', aMax ?? null, dMax ?? null, tightens ? 'data_dependent' : 'safe',
        `max ${bound(aMax)} → ${bound(dMax)}${tightens ? ' (tightens: larger stored values would be out of range)' : ' (loosens)'}`);
    }
  }
  if (actual.type === 'enum' && desired.type === 'enum') {
    const before = actual.elements.map((e) => e.value);
    const after = desired.elements.map((e) => e.value);
    if (before.join('\u0000') !== after.join('\u0000')) {
      const removed = before.filter((value) => !after.includes(value));
      const added = after.filter((value) => !before.includes(value));
      const parts: string[] = [];
      if (added.length > 0) parts.push(`adds ${describeValue(added)}`);
      if (removed.length > 0) parts.push(`removes ${describeValue(removed)} (rows still holding them would break)`);
      if (parts.length === 0) parts.push('reorders');
      add('elements', before, after, removed.length > 0 ? 'data_dependent' : 'safe', `enum elements: ${parts.join('; ')}`);
    }
  }
  return found;
}

function bound(value: number | string | undefined): string {
  return value === undefined ? 'unbounded' : String(value);
}

function encryptOf(column: Column): boolean {
  return 'encrypt' in column ? column.encrypt : false;
}

/** The highest risk among several; `safe` for none. */
export function highestRisk(risks: Iterable<Risk>): Risk {
  let highest: Risk = 'safe';
  for (const risk of risks) {
    if (risk === 'destructive') return risk;
    if (risk === 'data_dependent') highest = risk;
  }
  return highest;
}

type Bound = number | string | undefined;

/** The bounds of a numeric column (bigint ones are decimal strings); undefined for other types. */
function rangeOf(column: Column): [Bound, Bound] | undefined {
  return column.type === 'integer' || column.type === 'float' || column.type === 'bigint' ? [column.min, column.max] : undefined;
}

function sameBound(a: Bound, b: Bound): boolean {
  return a === undefined || b === undefined ? a === b : compareBounds(a, b) === 0;
}

/** Exact for bigint bounds (decimal strings) and plain for numbers. */
function compareBounds(a: number | string, b: number | string): number {
  if (typeof a === 'string' || typeof b === 'string') {
    const [x, y] = [BigInt(a), BigInt(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a - b;
}
