/** Rules across files: one database file, unique table ids, explicit and consistent removals. */
import { problemAt, type PathProblem } from '../problem.js';
import type { RawDatabaseFile, RawTableFile } from '../raw-types.js';
import { checkKey, checkName } from './naming.js';

export interface FileProblem extends PathProblem {
  readonly file: string;
}

export function checkDatabaseFile(raw: RawDatabaseFile, declaredTableIds: ReadonlySet<string>): PathProblem[] {
  const problems: PathProblem[] = [
    ...checkKey(['id'], raw.id, 'database id', 'database-id-format'),
    ...checkName(['name'], raw.name, 'database name', 'database-name-length'),
  ];
  const seen = new Set<string>();
  (raw.removedTables ?? []).forEach((id, i) => {
    const at = ['removedTables', i];
    problems.push(...checkKey(at, id, 'removed table id', 'table-id-format'));
    if (seen.has(id)) problems.push(problemAt(at, 'removed-table-duplicate', `table "${id}" is listed twice in removedTables`));
    seen.add(id);
    if (declaredTableIds.has(id)) {
      problems.push(problemAt(at, 'removed-table-declared', `table "${id}" is both declared and listed in removedTables`, 'delete its table file, or take it off removedTables'));
    }
  });
  return problems;
}

/** Table ids must be unique across files (ignoring case, like Appwrite's metadata ids). */
export function checkTableIds(tables: readonly { file: string; raw: RawTableFile }[]): FileProblem[] {
  const first = new Map<string, string>();
  const problems: FileProblem[] = [];
  for (const { file, raw } of tables) {
    const folded = raw.id.toLowerCase();
    const previous = first.get(folded);
    if (previous === undefined) first.set(folded, file);
    else problems.push({ file, ...problemAt(['id'], 'table-id-duplicate', `table id "${raw.id}" is also declared in ${previous}`, 'each table is declared in exactly one file') });
  }
  return problems;
}
