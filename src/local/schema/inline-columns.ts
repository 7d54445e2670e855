import type { ColumnKind, ColumnSpec, IntegerValue } from './types.js';
import { FLOAT_MAX, FLOAT_MIN, INT64_MAX, INT64_MIN } from './types.js';
import { LocalApiError } from '../errors.js';
import { argumentInvalid, isKey, KEY_TEXT } from '../params.js';
import { isValidUrl, isValidEmail } from './value-rules.js';
import { normalizeDatetime } from '../datetime.js';
import { isIP } from 'node:net';

/**
 * The inline `columns` (legacy: `attributes`) of createTable. Follows Appwrite's
 * `Appwrite\Utopia\Database\Validator\Attributes::isValid` (its checks and messages, in order, all
 * 400 general_argument_invalid without a param prefix) and `Appwrite\Utopia\Database\Attribute::resolve`
 * (format shorthands and implicit sizes), as on appwrite/appwrite main.
 */

export interface InlineColumn {
  key: string;
  kind: ColumnKind;
  spec: ColumnSpec;
}

/** Attribute::FORMAT_SIZES: each format is also a shorthand type. */
const FORMAT_SIZES: Readonly<Record<string, number>> = { email: 254, enum: 255, ip: 39, url: 2000 };
const FIXED_SIZES: Readonly<Record<string, number>> = { text: 65535, mediumtext: 16777215, longtext: 2147483647 };
/** Attribute::types(): the floating-point type is `double` here, as in the stored model. */
const INLINE_TYPES = new Set([
  'string', 'varchar', 'text', 'mediumtext', 'longtext', 'integer', 'bigint', 'double', 'boolean', 'datetime',
  'point', 'linestring', 'polygon', ...Object.keys(FORMAT_SIZES),
]);
const SPATIAL_TYPES = new Set(['point', 'linestring', 'polygon']);
const STRING_TYPES = new Set(['string', 'varchar', 'text', 'mediumtext', 'longtext']);
const NUMERIC_TYPES = new Set(['integer', 'bigint', 'double']);
const RESERVED_KEYS = new Set(['$id', '$createdAt', '$updatedAt', '$permissions', '$collection']);
/** APP_DATABASE_ATTRIBUTE_STRING_MAX_LENGTH */
const STRING_MAX = 1_073_741_824;

/** PHP's isset(): present and not null. */
function isSet(item: Record<string, unknown>, name: string): boolean {
  return item[name] !== undefined && item[name] !== null;
}

function isInt(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

/** Attribute::resolve */
function resolve(item: Record<string, unknown>): { type: string; format: string; size: number } {
  let type = String(item['type'] ?? '');
  let format = typeof item['format'] === 'string' ? item['format'] : '';
  if (FORMAT_SIZES[type] !== undefined) {
    format = type;
    type = 'string';
  }
  let size = typeof item['size'] === 'number' && Number.isInteger(item['size']) ? item['size'] : 0;
  const fixed = FIXED_SIZES[type];
  if (fixed !== undefined) size = fixed;
  else if (size < 1) size = FORMAT_SIZES[format] ?? size;
  return { type, format, size };
}

export function parseInlineColumns(items: readonly Record<string, unknown>[]): InlineColumn[] {
  const keys: unknown[] = [];
  items.forEach((item, index) => checkColumn(item, index, keys));
  return items.map(toInlineColumn);
}

function checkColumn(item: Record<string, unknown>, index: number, keys: unknown[]): void {
  const fail = (message: string): never => {
    throw argumentInvalid(message);
  };
  if (!isSet(item, 'key')) fail(`Attribute at index ${index} is missing required field 'key'`);
  if (!isSet(item, 'type')) fail(`Attribute at index ${index} is missing required field 'type'`);
  if (!isKey(item['key'])) fail(`Invalid key for attribute at index ${index}: ${KEY_TEXT}`);
  const key = item['key'] as string;
  if (keys.includes(key)) fail(`Duplicate attribute key: ${key}`);
  keys.push(key);
  if (RESERVED_KEYS.has(key)) fail(`Attribute key '${key}' is reserved and cannot be used`);
  if (typeof item['type'] !== 'string' || !INLINE_TYPES.has(item['type'])) fail(`Invalid type for attribute '${key}': ${String(item['type'])}`);
  const { type, format, size } = resolve(item);
  if (isSet(item, 'size') && !isInt(item['size'])) fail(`Invalid size for attribute '${key}': must be an integer`);
  if ((type === 'string' || type === 'varchar') && (size < 1 || size > STRING_MAX)) {
    fail(`Invalid or missing size for string attribute '${key}'. Size must be between 1 and ${STRING_MAX}`);
  }
  if (format !== '') {
    if (type !== 'string' && type !== 'varchar') fail(`Format is only allowed for string type for attribute '${key}'`);
    if (FORMAT_SIZES[format] === undefined) fail(`Invalid format for attribute '${key}': ${format}`);
  }
  for (const flag of ['required', 'array', 'signed']) {
    if (isSet(item, flag) && typeof item[flag] !== 'boolean') fail(`Invalid '${flag}' value for attribute '${key}': must be a boolean`);
  }
  if (isSet(item, 'signed') && !NUMERIC_TYPES.has(type)) fail(`Attribute '${key}': 'signed' can only be used with integer, bigint or float types`);
  if (item['required'] === true && isSet(item, 'default')) fail(`Attribute '${key}' cannot have a default value when required is true`);
  if (item['array'] === true && isSet(item, 'default')) fail(`Attribute '${key}' cannot have a default value when array is true`);
  if (isSet(item, 'min') || isSet(item, 'max')) {
    if (!NUMERIC_TYPES.has(type)) fail(`Attribute '${key}': min/max can only be used with integer, bigint or float types`);
    // Appwrite stores a non-numeric bound unchecked and fails later; the local server refuses it here.
    for (const bound of ['min', 'max']) {
      if (isSet(item, bound) && typeof item[bound] !== 'number' && typeof item[bound] !== 'bigint') fail(`Attribute '${key}': ${bound} must be a number`);
    }
    if (isSet(item, 'min') && isSet(item, 'max') && (item['min'] as number) > (item['max'] as number)) {
      fail(`Attribute '${key}': minimum value must be less than or equal to maximum value`);
    }
  }
  if (isSet(item, 'default')) checkDefault(item, key, type, format, size, fail);
  if (format === 'enum') checkElements(item, key, fail);
  checkFilters(item, key, fail);
}

function checkDefault(item: Record<string, unknown>, key: string, type: string, format: string, size: number, fail: (m: string) => never): void {
  const value = item['default'];
  if (STRING_TYPES.has(type)) {
    if (typeof value !== 'string') fail(`Default value for string attribute '${key}' must be a string`);
    const text = value as string;
    if (size > 0 && [...text].length > size) fail(`Default value for attribute '${key}' exceeds maximum size of ${size} characters`);
    if (format === 'email' && !isValidEmail(text)) fail(`Default value for email attribute '${key}' must be a valid email address`);
    if (format === 'ip' && isIP(text) === 0) fail(`Default value for IP attribute '${key}' must be a valid IP address`);
    if (format === 'url' && !isValidUrl(text)) fail(`Default value for URL attribute '${key}' must be a valid URL`);
    return;
  }
  if (type === 'integer' || type === 'bigint') {
    if (!isInt(value)) fail(`Default value for ${type} attribute '${key}' must be an integer`);
    const [min, max] = [item['min'] ?? INT64_MIN, item['max'] ?? INT64_MAX].map((v) => BigInt(v as number | bigint)) as [bigint, bigint];
    if ((isSet(item, 'min') || isSet(item, 'max')) && (BigInt(value as number | bigint) < min || BigInt(value as number | bigint) > max)) {
      fail(`Default value for ${type} attribute '${key}' must be between ${min} and ${max}`);
    }
    return;
  }
  if (type === 'double') {
    if (typeof value !== 'number' && typeof value !== 'bigint') fail(`Default value for float attribute '${key}' must be a number`);
    const min = Number(item['min'] ?? FLOAT_MIN);
    const max = Number(item['max'] ?? FLOAT_MAX);
    if ((isSet(item, 'min') || isSet(item, 'max')) && (Number(value) < min || Number(value) > max)) {
      fail(`Default value for float attribute '${key}' must be between ${phpFloat(min)} and ${phpFloat(max)}`);
    }
    return;
  }
  if (type === 'boolean' && typeof value !== 'boolean') fail(`Default value for boolean attribute '${key}' must be a boolean`);
  if (type === 'datetime') {
    if (typeof value !== 'string') fail(`Default value for datetime attribute '${key}' must be a string in ISO 8601 format`);
    if (normalizeDatetime(value as string) === undefined) fail(`Default value for datetime attribute '${key}' must be in valid ISO 8601 format`);
  }
}

/** PHP's string form of a float (precision 14), as Appwrite interpolates the bounds into its message. */
function phpFloat(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const text = value.toPrecision(14).replace(/\.?0+(e|$)/, '$1');
  return text.replace(/e\+?(-?)(\d+)$/, (_m, sign: string, digits: string) => `E${sign === '-' ? '-' : '+'}${digits}`);
}

function checkElements(item: Record<string, unknown>, key: string, fail: (m: string) => never): void {
  const elements = item['elements'];
  if (!Array.isArray(elements) || elements.length === 0) fail(`Attribute '${key}' with enum format must have 'elements' array`);
  (elements as unknown[]).forEach((element, i) => {
    if (typeof element !== 'string' || element === '') fail(`Enum element at index ${i} for attribute '${key}' must be a non-empty string`);
    if (Buffer.byteLength(element as string) > 255) fail(`Enum element at index ${i} for attribute '${key}' exceeds maximum length of 255 characters`);
  });
  if (isSet(item, 'default') && !(elements as unknown[]).includes(item['default'])) {
    fail(`Default value for enum attribute '${key}' must be one of the provided elements`);
  }
}

/**
 * Appwrite copies `filters` onto the column unchecked; `encrypt` is the one a user can mean. The local
 * server has no other user-facing filter, so it refuses the rest instead of storing them unused.
 */
function checkFilters(item: Record<string, unknown>, key: string, fail: (m: string) => never): void {
  const filters = item['filters'];
  if (filters === undefined || filters === null) return;
  const stringType = STRING_TYPES.has(resolve(item).type);
  if (!Array.isArray(filters) || !filters.every((f) => (f === 'encrypt' && stringType) || f === 'datetime')) {
    fail(`Attribute '${key}': the local server supports only the 'encrypt' filter, on string types`);
  }
}

function toInlineColumn(item: Record<string, unknown>): InlineColumn {
  const key = item['key'] as string;
  const { type, format, size } = resolve(item);
  if (SPATIAL_TYPES.has(type)) {
    throw new LocalApiError(501, 'general_not_implemented', `Column type '${type}' is not supported by the local server.`);
  }
  // A varchar with a format is stored as that format's type: the local model has one kind per format.
  const kind = (format !== '' ? format : type === 'double' ? 'float' : type) as ColumnKind;
  const spec: ColumnSpec = { required: item['required'] === true, array: item['array'] === true, default: item['default'] ?? null };
  if (kind === 'float' && typeof spec.default === 'bigint') spec.default = Number(spec.default);
  // The text family keeps its fixed size; an inline integer keeps its size too, because MariaDB's
  // getSQLType makes it INT (32-bit) unless the size is at least 8.
  if (kind === 'string' || kind === 'varchar' || kind === 'integer' || FORMAT_SIZES[kind] !== undefined) spec.size = size;
  if (kind === 'integer' || kind === 'bigint' || kind === 'float') {
    // Bounds are stored (and shown) only when one was given, as buildAttributeDocument does.
    if (isSet(item, 'min') || isSet(item, 'max')) {
      spec.min = (item['min'] ?? (kind === 'float' ? FLOAT_MIN : INT64_MIN)) as IntegerValue;
      spec.max = (item['max'] ?? (kind === 'float' ? FLOAT_MAX : INT64_MAX)) as IntegerValue;
    }
    if (item['signed'] === false) spec.signed = false;
  }
  if (kind === 'enum') spec.elements = item['elements'] as string[];
  if (Array.isArray(item['filters']) && item['filters'].includes('encrypt')) spec.encrypt = true;
  else if (STRING_TYPES.has(kind)) spec.encrypt = false;
  return { key, kind, spec };
}
