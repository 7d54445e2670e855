import type { ColumnKind, ColumnSpec, IntegerValue } from './types.js';
import { FIXED_SIZE } from './types.js';
import { LocalApiError } from '../errors.js';
import type { Params } from '../params.js';
import { boolParam, has, invalidParam, keyParam, requiredBoolParam, requirePresent, stringArrayParam } from '../params.js';
import { effectiveMax, effectiveMin, numberFormat, rangeText, scalarProblem } from './value-rules.js';

/**
 * Turns the body of a create/update column call into a ColumnSpec, applying Appwrite's checks in
 * its order: parameter validators first (general_argument_invalid), then encrypt size
 * (general_bad_request), then the type rules (column_value_invalid).
 */

const MAX_STRING_SIZE = 1_073_741_824;
const MAX_VARCHAR_SIZE = 16381;

export function valueInvalid(message: string): LocalApiError {
  return new LocalApiError(400, 'column_value_invalid', message);
}

function integerParam(params: Params, name: string): IntegerValue | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return value;
  throw invalidParam(name, 'Value must be a valid integer');
}

function floatParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  throw invalidParam(name, 'Value must be a valid float');
}

function sizeParam(kind: ColumnKind, params: Params, required: boolean): number | undefined {
  if (required) requirePresent(params, 'size');
  const value = params['size'];
  if (value === undefined || value === null) return undefined;
  const max = kind === 'varchar' ? MAX_VARCHAR_SIZE : MAX_STRING_SIZE;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidParam('size', `Value must be a valid range between 1 and ${numberFormat(max)}`);
  }
  return value;
}

function elementsParam(params: Params): string[] {
  requirePresent(params, 'elements');
  return stringArrayParam(params, 'elements', { maxItems: 100, maxLength: 255, minLength: 1 }) ?? invalidElements();
}

function invalidElements(): never {
  throw invalidParam('elements', 'Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 chars and no longer than 255 chars');
}

/** Param-level validation of `default`: its JSON type always, and the whole value for format types. */
function defaultParam(kind: ColumnKind, spec: ColumnSpec, params: Params): unknown {
  const value = params['default'];
  if (value === undefined || value === null) return null;
  const typeProblem = defaultTypeProblem(kind, value);
  if (typeProblem) throw invalidParam('default', typeProblem);
  const validatedAsParam = kind === 'boolean' || kind === 'datetime' || kind === 'email' || kind === 'url' || kind === 'ip';
  const problem = validatedAsParam ? scalarProblem(kind, spec, value) : undefined;
  if (problem) throw invalidParam('default', problem);
  return kind === 'float' && typeof value === 'bigint' ? Number(value) : value;
}

function defaultTypeProblem(kind: ColumnKind, value: unknown): string | undefined {
  switch (kind) {
    case 'integer':
    case 'bigint':
      return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)) ? undefined : 'Value must be a valid integer';
    case 'float':
      return typeof value === 'number' || typeof value === 'bigint' ? undefined : 'Value must be a valid float';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Value must be a valid boolean';
    default:
      return typeof value === 'string' ? undefined : 'Value must be a valid string';
  }
}

/** Type rules shared by create and update: ranges, enum membership, string size of the default. */
export function checkSpecValues(kind: ColumnKind, spec: ColumnSpec): void {
  if (kind === 'integer' || kind === 'bigint' || kind === 'float') {
    const min = effectiveMin(kind, spec);
    const max = effectiveMax(kind, spec);
    if (min > max) throw valueInvalid('Minimum value must be lesser than maximum value');
    if (spec.default !== null && scalarProblem(kind, spec, spec.default)) throw valueInvalid(rangeText(kind, spec));
  }
  if (kind === 'enum') {
    const elements = spec.elements ?? [];
    if (elements.length === 0 || elements.some((e) => e.length === 0)) throw valueInvalid('Enum elements must not be empty');
    if (spec.default !== null && !elements.includes(spec.default as string)) throw valueInvalid('Default value not found in elements');
  }
  if ((kind === 'string' || kind === 'varchar') && typeof spec.default === 'string') {
    const problem = scalarProblem(kind, spec, spec.default);
    if (problem) throw valueInvalid(problem);
  }
}

export function checkDefaultAllowed(spec: ColumnSpec): void {
  if (spec.default === null) return;
  if (spec.required) throw new LocalApiError(400, 'column_default_unsupported', 'Cannot set default value for required column');
  if (spec.array) throw new LocalApiError(400, 'column_default_unsupported', 'Cannot set default value for array columns');
}

export function parseColumnCreate(kind: ColumnKind, params: Params): { key: string; spec: ColumnSpec } {
  const key = keyParam(params, 'key');
  const spec: ColumnSpec = { required: requiredBoolParam(params, 'required'), array: boolParam(params, 'array', false), default: null };
  if (kind === 'integer' || kind === 'bigint') {
    spec.min = integerParam(params, 'min');
    spec.max = integerParam(params, 'max');
  } else if (kind === 'float') {
    spec.min = floatParam(params, 'min');
    spec.max = floatParam(params, 'max');
  } else if (kind === 'enum') {
    spec.elements = elementsParam(params);
  }
  if (kind === 'string' || kind === 'varchar') spec.size = sizeParam(kind, params, true);
  else if (FIXED_SIZE[kind] !== undefined && kind !== 'text' && kind !== 'mediumtext' && kind !== 'longtext') spec.size = FIXED_SIZE[kind];
  if (kind === 'string' || kind === 'varchar' || kind === 'text' || kind === 'mediumtext' || kind === 'longtext') {
    spec.encrypt = boolParam(params, 'encrypt', false);
  }
  spec.default = defaultParam(kind, spec, params);
  if (spec.encrypt && (kind === 'string' || kind === 'varchar') && (spec.size ?? 0) < 150) {
    throw new LocalApiError(400, 'general_bad_request', 'Size too small. Encrypted strings require a minimum size of 150 characters.');
  }
  // Appwrite stores the explicit range so responses always carry min/max.
  if (kind === 'integer' || kind === 'bigint' || kind === 'float') {
    spec.min = spec.min ?? effectiveMin(kind, spec);
    spec.max = spec.max ?? effectiveMax(kind, spec);
  }
  checkSpecValues(kind, spec);
  return { key, spec };
}

/** Update: `required` and `default` are mandatory (default nullable); the rest merges into the stored spec. */
export function parseColumnUpdate(kind: ColumnKind, params: Params, current: ColumnSpec): { spec: ColumnSpec; newKey?: string } {
  const required = requiredBoolParam(params, 'required');
  requirePresent(params, 'default');
  const spec: ColumnSpec = { ...current, required };
  if (kind === 'integer' || kind === 'bigint') {
    spec.min = integerParam(params, 'min') ?? current.min;
    spec.max = integerParam(params, 'max') ?? current.max;
  } else if (kind === 'float') {
    spec.min = floatParam(params, 'min') ?? current.min;
    spec.max = floatParam(params, 'max') ?? current.max;
  } else if (kind === 'enum') {
    spec.elements = elementsParam(params);
  } else if (kind === 'string' || kind === 'varchar') {
    spec.size = sizeParam(kind, params, false) ?? current.size;
  }
  spec.default = defaultParam(kind, spec, params);
  let newKey: string | undefined;
  if (has(params, 'newKey') && params['newKey'] !== null && params['newKey'] !== undefined) newKey = keyParam(params, 'newKey');
  return newKey === undefined ? { spec } : { spec, newKey };
}
