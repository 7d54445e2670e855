/**
 * The pure loader: schema file texts in, the canonical Model (or every problem found) out.
 * Order per file: YAML syntax -> JSON Schema shape -> semantic rules; then the rules across files.
 */
import type { Database, Table } from '../model/types.js';
import { compareProblems, problemAt, type Problem } from './problem.js';
import type { RawDatabaseFile, RawFile, RawTableFile } from './raw-types.js';
import { buildDatabase, buildTable } from './build-model.js';
import { checkShape } from './shape.js';
import { checkDatabaseFile, checkTableIds } from './rules/database.js';
import { checkTable } from './rules/table.js';
import { locate, parseYamlFile, type ParsedFile } from './yaml-document.js';

export interface SchemaFile {
  readonly path: string;
  readonly text: string;
}

export interface LoadResult {
  /** Present only when `problems` is empty. */
  readonly model?: Database;
  readonly problems: readonly Problem[];
}

const DATABASE_FILE = 'database.yaml';

export function loadSchema(files: readonly SchemaFile[]): LoadResult {
  const problems: Problem[] = [];
  const databases: { file: ParsedFile; raw: RawDatabaseFile }[] = [];
  const tables: { file: ParsedFile; raw: RawTableFile; table: Table }[] = [];
  let databaseCandidates = 0;

  for (const { path, text } of files) {
    const file = parseYamlFile(path, text);
    const claimsDatabase = baseName(path) === DATABASE_FILE || kindOf(file.value) === 'database';
    if (claimsDatabase) databaseCandidates += 1;
    if (file.syntaxProblems.length > 0) {
      problems.push(...file.syntaxProblems);
      continue;
    }
    const shape = checkShape(file.value);
    problems.push(...shape.problems.map((p) => locate(file, p)));
    if (!shape.usable) continue;
    const raw = file.value as RawFile;
    if (raw.kind === 'database') {
      databases.push({ file, raw });
    } else {
      const table = buildTable(raw);
      problems.push(...checkTable(raw, table).map((p) => locate(file, p)));
      tables.push({ file, raw, table });
    }
  }

  problems.push(...checkDatabaseCount(files, databases, databaseCandidates));
  const byPath = new Map(tables.map((t) => [t.file.path, t.file]));
  for (const found of checkTableIds(tables.map((t) => ({ file: t.file.path, raw: t.raw })))) {
    const file = byPath.get(found.file);
    if (file) problems.push(locate(file, found));
  }
  const declared = new Set(tables.map((t) => t.raw.id));
  for (const { file, raw } of databases) problems.push(...checkDatabaseFile(raw, declared).map((p) => locate(file, p)));

  problems.sort(compareProblems);
  const database = databases[0];
  if (problems.length > 0 || database === undefined) return { problems };
  return { model: buildDatabase(database.raw, tables.map((t) => t.table)), problems };
}

function checkDatabaseCount(
  files: readonly SchemaFile[],
  databases: readonly { file: ParsedFile }[],
  candidates: number,
): Problem[] {
  if (candidates === 0) {
    const dir = files[0] === undefined ? '' : dirName(files[0].path);
    return [
      {
        file: dir === '' ? DATABASE_FILE : `${dir}/${DATABASE_FILE}`,
        line: 1,
        column: 1,
        rule: 'database-file-missing',
        message: files.length === 0 ? 'no schema files found' : `no ${DATABASE_FILE} (a file with kind: database)`,
        hint: `create ${DATABASE_FILE} with kind: database, id and name`,
      },
    ];
  }
  return databases.slice(1).map(({ file }) =>
    locate(file, problemAt(['kind'], 'database-file-duplicate', `a second database file; ${databases[0]?.file.path ?? ''} already declares the database`, 'keep exactly one file with kind: database')),
  );
}

function kindOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function dirName(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut);
}
