/** Per-column rules: keys, which fields apply to which type, sizes, ranges, enum elements. */
import {
  ENCRYPT_MIN_SIZE,
  MAX_ENUM_ELEMENT_LENGTH,
  MAX_ENUM_ELEMENTS,
  STRING_SIZE_MAX,
  VARCHAR_SIZE_MAX,
} from '../../model/limits.js';
import { STRING_FAMILY, type ColumnType } from '../../model/types.js';
import { int64Of } from '../../model/int64.js';
import { problemAt, type PathProblem } from '../problem.js';
import type { RawColumn } from '../raw-types.js';
import { checkKey, duplicatesIgnoringCase } from './naming.js';

type Field = 'size' | 'min' | 'max' | 'elements' | 'encrypt';

const FIELD_TYPES: Readonly<Record<Field, readonly ColumnType[]>> = {
  size: ['string', 'varchar'],
  min: ['integer', 'bigint', 'float'],
  max: ['integer', 'bigint', 'float'],
  elements: ['enum'],
  encrypt: ['string', 'varchar', 'text', 'mediumtext', 'longtext'],
};

const SIZE_MAX: Readonly<Partial<Record<ColumnType, number>>> = { varchar: VARCHAR_SIZE_MAX, string: STRING_SIZE_MAX };

export function checkColumns(columns: readonly RawColumn[]): PathProblem[] {
  const problems: PathProblem[] = [];
  columns.forEach((column, index) => problems.push(...checkColumn(column, ['columns', index])));
  for (const dup of duplicatesIgnoringCase(columns, (c) => c.key)) {
    problems.push(
      problemAt(
        ['columns', dup.index, 'key'],
        'column-key-duplicate',
        `column key "${dup.item.key}" is already used by column ${dup.firstIndex + 1}`,
        'column keys are unique ignoring case (MariaDB column names are case-insensitive)',
      ),
    );
  }
  const keys = new Set(columns.map((c) => c.key));
  columns.forEach((column, index) => {
    if (column.renamedFrom !== undefined && keys.has(column.renamedFrom)) {
      problems.push(
        problemAt(
          ['columns', index, 'renamedFrom'],
          'column-renamed-from-conflict',
          `renamedFrom "${column.renamedFrom}" names a column that is still declared`,
          'a rename needs the old key to be gone from the schema; remove renamedFrom or the old column',
        ),
      );
    }
  });
  return problems;
}

function checkColumn(column: RawColumn, at: readonly (string | number)[]): PathProblem[] {
  const problems = checkKey([...at, 'key'], column.key, 'column key', 'column-key-format');
  if (column.renamedFrom !== undefined) {
    problems.push(...checkKey([...at, 'renamedFrom'], column.renamedFrom, 'renamedFrom', 'column-key-format'));
  }
  for (const field of Object.keys(FIELD_TYPES) as Field[]) {
    if (column[field] !== undefined && !FIELD_TYPES[field].includes(column.type)) {
      problems.push(
        problemAt(
          [...at, field],
          'column-field-not-applicable',
          `"${field}" does not apply to a ${column.type} column`,
          `"${field}" is only for: ${FIELD_TYPES[field].join(', ')}`,
          true,
        ),
      );
    }
  }
  problems.push(...checkSize(column, at), ...checkRange(column, at), ...checkElements(column, at), ...checkApp(column, at));
  return problems;
}

function checkSize(column: RawColumn, at: readonly (string | number)[]): PathProblem[] {
  const max = SIZE_MAX[column.type];
  if (max === undefined) return [];
  if (column.size === undefined) {
    return [problemAt(at, 'column-size-required', `${column.type} column "${column.key}" needs a size`, `add size: 1..${max}`)];
  }
  if (column.size < 1 || column.size > max) {
    const hint =
      column.type === 'varchar' && column.size > max ? 'for longer values use type: text (65535 bytes) or mediumtext' : `use 1..${max}`;
    return [problemAt([...at, 'size'], 'column-size-range', `size ${column.size} is out of range 1..${max} for ${column.type}`, hint)];
  }
  if (column.encrypt === true && column.size < ENCRYPT_MIN_SIZE) {
    return [
      problemAt(
        [...at, 'encrypt'],
        'column-encrypt-size',
        `encrypted ${column.type} columns need size >= ${ENCRYPT_MIN_SIZE}, got ${column.size}`,
        'Appwrite: "Encrypted strings require a minimum size of 150 characters"',
      ),
    ];
  }
  return [];
}

function checkRange(column: RawColumn, at: readonly (string | number)[]): PathProblem[] {
  if (column.type === 'bigint') return checkBigIntRange(column, at);
  if (column.type !== 'integer' && column.type !== 'float') return [];
  const problems: PathProblem[] = [];
  for (const bound of ['min', 'max'] as const) {
    if (typeof column[bound] === 'string') {
      problems.push(problemAt([...at, bound], 'column-range-number', `${bound} of a${column.type === 'integer' ? 'n' : ''} ${column.type} column must be a number, got ${JSON.stringify(column[bound])}`));
    }
  }
  if (problems.length > 0) return problems;
  if (column.type === 'integer') {
    for (const bound of ['min', 'max'] as const) {
      const value = column[bound];
      if (value !== undefined && !Number.isSafeInteger(value)) {
        problems.push(problemAt([...at, bound], 'column-range-integer', `${bound} of an integer column must be a whole number, got ${value}`));
      }
    }
  }
  if (column.min !== undefined && column.max !== undefined && column.min > column.max) {
    problems.push(
      problemAt([...at, 'min'], 'column-range-order', `min ${column.min} is greater than max ${column.max}`, 'Appwrite: "Minimum value must be lesser than maximum value"'),
    );
  }
  return problems;
}

/** int64 bounds, exact: a safe integer, or a decimal string (how YAML keeps values beyond 2^53). */
function checkBigIntRange(column: RawColumn, at: readonly (string | number)[]): PathProblem[] {
  const problems: PathProblem[] = [];
  const values: Partial<Record<'min' | 'max', bigint>> = {};
  for (const bound of ['min', 'max'] as const) {
    const value = column[bound];
    if (value === undefined) continue;
    const exact = int64Of(value);
    if (exact === undefined) {
      problems.push(problemAt([...at, bound], 'column-range-bigint', `${bound} of a bigint column must be a whole number in the int64 range, got ${JSON.stringify(value)}`,
        'beyond 2^53 write it as a decimal string ("9223372036854775807"): YAML numbers are doubles and would round it'));
    } else values[bound] = exact;
  }
  if (values.min !== undefined && values.max !== undefined && values.min > values.max) {
    problems.push(problemAt([...at, 'min'], 'column-range-order', `min ${values.min} is greater than max ${values.max}`, 'Appwrite: "Minimum value must be lesser than maximum value"'));
  }
  return problems;
}

function checkElements(column: RawColumn, at: readonly (string | number)[]): PathProblem[] {
  if (column.type !== 'enum') return [];
  const elements = column.elements;
  if (elements === undefined) {
    return [problemAt(at, 'enum-elements-required', `enum column "${column.key}" needs elements`, 'add elements: [{value: ..., description: ...}]')];
  }
  const problems: PathProblem[] = [];
  if (elements.length < 1 || elements.length > MAX_ENUM_ELEMENTS) {
    problems.push(
      problemAt([...at, 'elements'], 'enum-elements-count', `an enum needs 1..${MAX_ENUM_ELEMENTS} elements, got ${elements.length}`),
    );
  }
  elements.forEach((element, index) => {
    if (element.value.length < 1 || element.value.length > MAX_ENUM_ELEMENT_LENGTH) {
      problems.push(
        problemAt(
          [...at, 'elements', index, 'value'],
          'enum-element-length',
          `enum element must be 1..${MAX_ENUM_ELEMENT_LENGTH} chars, got ${element.value.length}`,
        ),
      );
    }
  });
  const seen = new Set<string>();
  elements.forEach((element, index) => {
    if (seen.has(element.value)) {
      problems.push(
        problemAt([...at, 'elements', index, 'value'], 'enum-element-duplicate', `enum element "${element.value}" is listed twice`),
      );
    }
    seen.add(element.value);
  });
  return problems;
}

function checkApp(column: RawColumn, at: readonly (string | number)[]): PathProblem[] {
  if (column.app === undefined) return [];
  const problems: PathProblem[] = [];
  const stringValued = STRING_FAMILY.has(column.type) && column.array !== true;
  for (const rule of ['maxLength', 'json', 'format', 'normalize'] as const) {
    if (column.app[rule] !== undefined && !stringValued) {
      problems.push(
        problemAt(
          [...at, 'app', rule],
          'column-app-not-applicable',
          `app.${rule} needs a non-array string column (varchar, string or text types), not ${column.array ? 'an array' : column.type}`,
          undefined,
          true,
        ),
      );
    }
  }
  const maxLength = column.app.maxLength;
  if (maxLength !== undefined && column.size !== undefined && maxLength > column.size) {
    problems.push(
      problemAt([...at, 'app', 'maxLength'], 'column-app-max-length', `app.maxLength ${maxLength} exceeds the column size ${column.size}`, 'raise size or lower maxLength'),
    );
  }
  const fields = column.app.json?.fields ?? [];
  for (const dup of duplicatesIgnoringCase(fields, (f) => f.name)) {
    problems.push(
      problemAt([...at, 'app', 'json', 'fields', dup.index, 'name'], 'json-field-duplicate', `JSON field "${dup.item.name}" is listed twice`),
    );
  }
  return problems;
}
