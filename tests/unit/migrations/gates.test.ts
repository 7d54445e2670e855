import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Migration } from '../../../src/migrations/catalog.js';
import { gatesFor } from '../../../src/migrations/gates.js';
import { parseSchemaMigration } from '../../../src/migrations/schema-file.js';
import { toMigrationFiles } from '../../../src/migrations/source.js';
import { conversionTemplate, dataMigrationTemplate } from '../../../src/migrations/templates.js';
import { col } from './helpers.js';

/** A schema migration file whose steps are the given YAML blocks, parsed as the catalog does. */
function schemaMigration(...steps: string[][]): Migration {
  const content = ['database: d', 'steps:', ...steps.flatMap((lines) => lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)))].join('\n');
  const [file] = toMigrationFiles([{ name: '0003_x.yaml', content }]);
  const parsed = parseSchemaMigration('migrations/0003_x.yaml', content);
  expect(parsed.problems).toEqual([]);
  return { file: file!, schema: parsed.migration!, stepLines: parsed.stepLines, after: undefined };
}
function dataMigration(content: string): Migration {
  const [file] = toMigrationFiles([{ name: '0004_data.ts', content }]);
  return { file: file!, stepLines: [], after: undefined };
}

const previous = ['previous:', '  key: a', '  type: integer', '  required: false', '  array: false', '  default: null'];
const step = {
  safe: ['kind: create_column', 'id: create_column:t.b', 'risk: safe', 'summary: create b', 'table: t', 'column:', '  key: b', '  type: boolean'],
  deleteColumn: (extra: string[] = []) => ['kind: delete_column', 'id: delete_column:t.a', 'risk: destructive', 'summary: delete column a', 'table: t', 'key: a', ...previous, ...extra],
  deleteIndex: (extra: string[] = []) => ['kind: delete_index', 'id: delete_index:t.i', 'risk: destructive', 'summary: delete index i', 'table: t', 'key: i',
    'previous:', '  key: i', '  type: key', '  columns: [a]', '  orders: [asc]', '  lengths: [null]', ...extra],
  deleteTable: (extra: string[] = []) => ['kind: delete_table', 'id: delete_table:t', 'risk: destructive', 'summary: delete table t', 'table: t', 'name: T', 'columnCount: 3', ...extra],
  narrow: (extra: string[] = []) => ['kind: update_column', 'id: update_column:t.s', 'risk: data_dependent', 'summary: narrow s', 'table: t', 'key: s',
    'column: {key: s, type: varchar, size: 10, required: false, array: false, default: null, encrypt: false}',
    'previous: {key: s, type: varchar, size: 20, required: false, array: false, default: null, encrypt: false}', 'changes: []', ...extra],
  copy: ['kind: copy_column', 'id: copy_column:t.a', 'risk: safe', 'summary: copy', 'table: t', 'from: a', 'to: a_new', 'conversion: identity'],
};
const ACK = 'acknowledged: the column was never read';

describe('gatesFor: schema migrations', () => {
  const cases: { what: string; steps: string[][]; allowDestructive?: boolean; forLint?: boolean; expected: string[] }[] = [
    { what: 'safe steps and copies', steps: [step.safe, step.copy], expected: [] },
    {
      what: 'an unacknowledged destructive step', steps: [step.safe, step.deleteColumn()],
      expected: ['11 migration-unacknowledged-risk', '11 migration-destructive-not-allowed'],
    },
    { what: 'an acknowledged destructive step without --allow-destructive', steps: [step.deleteColumn([ACK])], expected: ['3 migration-destructive-not-allowed'] },
    { what: 'an acknowledged destructive step with --allow-destructive', steps: [step.deleteColumn([ACK])], allowDestructive: true, expected: [] },
    { what: 'an unacknowledged destructive step with --allow-destructive', steps: [step.deleteColumn()], allowDestructive: true, expected: ['3 migration-unacknowledged-risk'] },
    { what: 'lint: an acknowledged destructive step needs no flag', steps: [step.deleteColumn([ACK])], forLint: true, expected: [] },
    { what: 'lint: an unacknowledged destructive step', steps: [step.deleteColumn()], forLint: true, expected: ['3 migration-unacknowledged-risk'] },
    { what: 'a blank acknowledgement', steps: [step.deleteColumn(["acknowledged: '   '"])], allowDestructive: true, expected: ['3 migration-unacknowledged-risk'] },
    { what: 'a delete preserved by a copy', steps: [step.copy, step.deleteColumn([ACK, 'preservedIn: a_new'])], expected: [] },
    { what: 'an unacknowledged delete preserved by a copy', steps: [step.deleteColumn(['preservedIn: a_new'])], expected: ['3 migration-unacknowledged-risk'] },
    { what: 'an acknowledged index delete (rebuildable, loses no data)', steps: [step.deleteIndex([ACK])], expected: [] },
    { what: 'an unacknowledged index delete', steps: [step.deleteIndex()], expected: ['3 migration-unacknowledged-risk'] },
    { what: 'an acknowledged table delete', steps: [step.deleteTable([ACK])], expected: ['3 migration-destructive-not-allowed'] },
    { what: 'an unacknowledged data-dependent step', steps: [step.narrow()], allowDestructive: true, expected: ['3 migration-unacknowledged-risk'] },
    { what: 'an acknowledged data-dependent step needs no flag', steps: [step.narrow([ACK])], expected: [] },
  ];
  it.each(cases)('$what', ({ steps, allowDestructive, forLint, expected }) => {
    const migration = schemaMigration(...steps);
    const gates = gatesFor(migration, { allowDestructive: allowDestructive ?? false, ...(forLint === undefined ? {} : { forLint }) });
    expect(gates.map((g) => `${g.line} ${g.rule}`)).toEqual(expected);
    for (const gate of gates) expect(gate.file).toBe('migrations/0003_x.yaml');
  });

  it('says what the step is and how to approve it', () => {
    const [unack, flag] = gatesFor(schemaMigration(step.deleteColumn()), { allowDestructive: false });
    expect(unack?.message).toBe('destructive step delete_column:t.a (delete column a) has no `acknowledged:` line saying why it is acceptable');
    expect(flag?.message).toMatch(/delete_column:t\.a loses data .*--allow-destructive/);
    const [dataDependent] = gatesFor(schemaMigration(step.narrow()), { allowDestructive: false });
    expect(dataDependent?.message).toMatch(/^data-dependent step update_column:t\.s/);
  });
});

describe('gatesFor: data migrations', () => {
  it.each([
    ['the generated template', dataMigrationTemplate('fix_emails'), 4],
    ['the conversion template', conversionTemplate([{ table: 't', from: col.varchar('code', 20), to: col.integer('code'), scratchKey: 'code_new' }]), 8],
    ['a todo export anywhere', 'export async function up() {}\n\n  export const todo = 1;\n', 3],
  ])('refuses %s while it exports todo, at the line of the export', (_what, content, line) => {
    const gates = gatesFor(dataMigration(content), { allowDestructive: true, forLint: true });
    expect(gates.map((g) => [g.file, g.line, g.rule])).toEqual([['migrations/0004_data.ts', line, 'migration-incomplete']]);
    expect(gates[0]?.message).toMatch(/delete the `todo` export/);
  });

  it.each([
    ['a completed migration', 'export async function up(ctx) {}\n'],
    ['a commented-out todo', '// export const todo = 1;\nexport async function up() {}\n'],
    ['another export that starts with todo', 'export const todoList = [];\n'],
    ['the shipped template once its todo line is deleted', dataMigrationTemplate('x').replace(/^export const todo.*\n/m, '')],
  ])('accepts %s', (_what, content) => {
    expect(gatesFor(dataMigration(content), { allowDestructive: false })).toEqual([]);
  });
});

describe('templates', () => {
  it('writes valid TypeScript for keys that are not identifiers, and for one key in two tables', () => {
    const text = conversionTemplate([
      { table: 'people', from: col.varchar('first-name', 20), to: col.integer('first-name'), scratchKey: 'first-name_new' },
      { table: 'people', from: col.varchar('a.b', 20), to: col.integer('a.b'), scratchKey: 'a.b_new' },
      { table: 'orders', from: col.varchar('code', 20), to: col.integer('code'), scratchKey: 'code_new' },
      { table: 'invoices', from: col.varchar('code', 20), to: col.integer('code'), scratchKey: 'code_new' },
    ]);
    const source = ts.createSourceFile('0005_convert.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const syntax = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(syntax).toEqual([]);
    const functions = source.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text);
    expect(functions).toEqual(['up', 'convertFirstName', 'convertAB', 'convertOrdersCode', 'convertInvoicesCode']);
    expect(text).toContain(`(row) => ({ "first-name_new": convertFirstName(row["first-name"]) })`);
  });

  it('writes a conversion pass and a converter that refuses to run unwritten, per column', () => {
    const text = conversionTemplate([
      { table: 'people', from: col.varchar('code', 20), to: col.integer('code'), scratchKey: 'code_new' },
      { table: 'people', from: col.string('zip', 10), to: col.integer('zip'), scratchKey: 'zip_new1' },
    ]);
    expect(text).toContain(`await ctx.updateEach('people', (row) => ({ "code_new": convertCode(row["code"]) }), { label: 'people.code' });`);
    expect(text).toContain(`await ctx.updateEach('people', (row) => ({ "zip_new1": convertZip(row["zip"]) }), { label: 'people.zip' });`);
    expect(text).toMatch(/function convertCode\(value: unknown\): unknown \{\n.*\n  throw new Error\('convertCode is not written yet/);
    expect(text).toContain('function convertZip(');
  });
});
