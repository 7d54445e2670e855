/** Index rules mirroring Appwrite's create-index checks (api-facts §2.6, §4.6). */
import {
  indexColumnKeyLength,
  MAX_INDEX_COLUMNS,
  MAX_INDEX_KEY_LENGTH,
  MAX_INDEXES,
  RESERVED_INDEX_KEYS,
  stringCapacity,
} from '../../model/limits.js';
import { STRING_FAMILY, SYSTEM_INDEXABLE, type Column } from '../../model/types.js';
import { problemAt, type PathProblem } from '../problem.js';
import { indexColumnEntry, type RawIndex } from '../raw-types.js';
import { checkKey, duplicatesIgnoringCase } from './naming.js';

const SYSTEM: ReadonlySet<string> = new Set(SYSTEM_INDEXABLE);

export function checkIndexes(indexes: readonly RawIndex[], columns: readonly Column[]): PathProblem[] {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const problems = indexes.flatMap((index, i) => checkIndex(index, ['indexes', i], byKey));
  for (const dup of duplicatesIgnoringCase(indexes, (x) => x.key)) {
    problems.push(
      problemAt(['indexes', dup.index, 'key'], 'index-key-duplicate', `index key "${dup.item.key}" is already used by index ${dup.firstIndex + 1}`, 'index keys are unique ignoring case'),
    );
  }
  if (indexes.length > MAX_INDEXES) {
    problems.push(
      problemAt(['indexes', MAX_INDEXES], 'index-count', `${indexes.length} indexes declared; Appwrite allows at most ${MAX_INDEXES} per table`, 'MariaDB allows 64 indexes and Appwrite keeps 6 for itself'),
    );
  }
  return problems;
}

function checkIndex(index: RawIndex, at: readonly (string | number)[], byKey: ReadonlyMap<string, Column>): PathProblem[] {
  const problems = checkKey([...at, 'key'], index.key, 'index key', 'index-key-format');
  if (RESERVED_INDEX_KEYS.has(index.key.toLowerCase())) {
    problems.push(problemAt([...at, 'key'], 'index-key-reserved', `index key "${index.key}" is reserved by MariaDB`, `reserved: ${[...RESERVED_INDEX_KEYS].join(', ')}`));
  }
  if (index.columns.length === 0 || index.columns.length > MAX_INDEX_COLUMNS) {
    problems.push(problemAt([...at, 'columns'], 'index-columns-count', `an index needs 1..${MAX_INDEX_COLUMNS} columns, got ${index.columns.length}`));
    return problems;
  }
  const seen = new Set<string>();
  let keyLength = 0;
  index.columns.forEach((raw, j) => {
    const entry = indexColumnEntry(raw);
    const path = [...at, 'columns', j, 'column'];
    const lengthPath = [...at, 'columns', j, 'length'];
    if (seen.has(entry.column)) {
      problems.push(problemAt(path, 'index-column-duplicate', `column "${entry.column}" is listed twice in index "${index.key}"`));
    }
    seen.add(entry.column);
    const column = byKey.get(entry.column);
    if (column === undefined && !SYSTEM.has(entry.column)) {
      problems.push(problemAt(path, 'index-column-unknown', `index "${index.key}" names unknown column "${entry.column}"`, `declare the column, or use one of ${SYSTEM_INDEXABLE.join(', ')}`));
      return;
    }
    if (column?.array) {
      problems.push(problemAt(path, 'index-column-array', `array column "${entry.column}" cannot be indexed`, 'Appwrite: "Creating indexes on array attributes is not currently supported."'));
      return;
    }
    if (index.type === 'fulltext' && (column === undefined || !STRING_FAMILY.has(column.type))) {
      problems.push(
        problemAt(path, 'index-fulltext-type', `fulltext index "${index.key}" cannot include "${entry.column}" (${column?.type ?? 'system field'})`, `fulltext is only allowed on ${[...STRING_FAMILY].join(', ')} columns`),
      );
      return;
    }
    const capacity = column === undefined ? undefined : stringCapacity(column);
    if (entry.length !== null && capacity === undefined) {
      problems.push(problemAt(lengthPath, 'index-length-not-allowed', `cannot set a length on "${column?.type ?? entry.column}" column "${entry.column}"`, 'lengths apply to string columns only'));
      return;
    }
    if (entry.length !== null && capacity !== undefined && entry.length > capacity) {
      problems.push(problemAt(lengthPath, 'index-length-too-large', `index length ${entry.length} is larger than the size of "${entry.column}": ${capacity}`));
      return;
    }
    keyLength += indexColumnKeyLength(column, entry.length, entry.column);
  });
  if (index.type !== 'fulltext' && keyLength > MAX_INDEX_KEY_LENGTH) {
    problems.push(
      problemAt([...at, 'columns'], 'index-key-too-long', `index "${index.key}" key length ${keyLength} is longer than the maximum ${MAX_INDEX_KEY_LENGTH}`, 'give long string columns a prefix length, e.g. {column: notes, length: 191}'),
    );
  }
  return problems;
}
