/** Every rule that looks at one table file, in one place; each returns path-located problems. */
import { estimateRowBytes, MAX_COLUMNS, ROW_BYTES_MAX } from '../../model/limits.js';
import type { Table } from '../../model/types.js';
import { problemAt, type PathProblem } from '../problem.js';
import type { RawTableFile } from '../raw-types.js';
import { checkAppReferences } from './app-references.js';
import { checkColumns } from './columns.js';
import { checkDefaults } from './defaults.js';
import { checkIndexes } from './indexes.js';
import { checkKey, checkName } from './naming.js';
import { checkRowPermissions, checkTablePermissions } from './permissions.js';

export function checkTable(raw: RawTableFile, table: Table): PathProblem[] {
  const columnKeys = new Set(raw.columns.map((c) => c.key));
  return [
    ...checkKey(['id'], raw.id, 'table id', 'table-id-format'),
    ...checkName(['name'], raw.name, 'table name', 'table-name-length'),
    ...checkColumns(raw.columns),
    ...checkAppReferences(raw.columns),
    ...checkDefaults(raw.columns),
    ...checkIndexes(raw.indexes ?? [], table.columns),
    ...checkTablePermissions(raw.permissions ?? []),
    ...checkRowPermissions(raw.rowPermissions ?? [], columnKeys),
    ...checkRowSecurityUse(raw),
    ...checkLimits(table),
    ...checkRelations(raw, columnKeys),
    ...checkTypeNames(raw),
  ];
}

const TYPE_NAME = /^[A-Z][A-Za-z0-9_]*$/;

/** Type names become generated TypeScript interfaces, so they must be PascalCase identifiers. */
function checkTypeNames(raw: RawTableFile): PathProblem[] {
  const names: { path: (string | number)[]; name: string }[] = [];
  if (raw.typeName !== undefined) names.push({ path: ['typeName'], name: raw.typeName });
  raw.columns.forEach((column, i) => {
    const json = column.app?.json;
    if (json !== undefined) names.push({ path: ['columns', i, 'app', 'json', 'typeName'], name: json.typeName });
  });
  return names
    .filter(({ name }) => !TYPE_NAME.test(name))
    .map(({ path, name }) =>
      problemAt(path, 'type-name-format', `type name "${name}" is not a PascalCase identifier`, 'start with A-Z, then letters, digits or _ (e.g. CustomerNotes)'),
    );
}

function checkLimits(table: Table): PathProblem[] {
  const problems: PathProblem[] = [];
  if (table.columns.length > MAX_COLUMNS) {
    problems.push(problemAt(['columns', MAX_COLUMNS], 'column-count', `${table.columns.length} columns; Appwrite allows at most ${MAX_COLUMNS}`));
  }
  const bytes = estimateRowBytes(table);
  if (bytes >= ROW_BYTES_MAX) {
    problems.push(
      problemAt(
        ['columns'],
        'row-too-wide',
        `estimated row width ${bytes} bytes reaches MariaDB's limit of ${ROW_BYTES_MAX}`,
        'varchar costs 4 bytes per char; use text (20 bytes, off-row) with app.maxLength for long strings',
        true,
      ),
    );
  }
  return problems;
}

/** Row permission templates do nothing unless the table checks row permissions. */
function checkRowSecurityUse(raw: RawTableFile): PathProblem[] {
  if ((raw.rowPermissions?.length ?? 0) === 0 || raw.rowSecurity === true) return [];
  return [
    problemAt(['rowPermissions'], 'row-permissions-without-row-security', 'rowPermissions are declared but rowSecurity is off, so Appwrite would ignore them', 'set rowSecurity: true', true),
  ];
}

function checkRelations(raw: RawTableFile, columnKeys: ReadonlySet<string>): PathProblem[] {
  return (raw.relations?.outgoing ?? []).flatMap((relation, i) =>
    columnKeys.has(relation.column)
      ? []
      : [problemAt(['relations', 'outgoing', i, 'column'], 'relation-column-unknown', `relation names unknown column "${relation.column}"`)],
  );
}
