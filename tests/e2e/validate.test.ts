import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

// Runs the built binary (build first: npx tsc -p tsconfig.json).
const STACK_LINE = /\n\s+at /;

describe('crm-schema validate', () => {
  it('accepts the shipped schema/ and prints a per-table summary', async () => {
    const result = await runCli(['validate']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('schema: valid (database console-db, 4 tables)');
    expect(result.stdout).toMatch(/^\s+customers\s+28\s+25\s+\d+ B \(\d+\.\d% of 65535\)$/m);
    expect(result.stdout).toMatch(/^\s+audit_logs\s+\d+\s+\d+\s+/m);
  });

  it('prints located problems with hints, a count and exit 1, without a stack trace', async () => {
    const result = await runCli(['validate', 'tests/fixtures/invalid/removed-table-declared']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'tests/fixtures/invalid/removed-table-declared/database.yaml:6:5  removed-table-declared  table "things" is both declared and listed in removedTables\n    hint: ',
    );
    expect(result.stdout).toMatch(/\n1 problem in tests\/fixtures\/invalid\/removed-table-declared\n$/);
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it('reports problems across files at the offending node', async () => {
    const result = await runCli(['validate', 'tests/fixtures/invalid/database-file-duplicate']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('tests/fixtures/invalid/database-file-duplicate/other-database.yaml:1:7  database-file-duplicate');
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it('reports a YAML syntax error with its line and column', async () => {
    const result = await runCli(['validate', 'tests/fixtures/invalid/yaml-tab-indent']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('tests/fixtures/invalid/yaml-tab-indent/table.yaml:6:1  yaml-tab-as-indent  Tabs are not allowed as indentation');
    // That fixture has no database.yaml of its own, which is reported in the same run.
    expect(result.stdout).toContain('database-file-missing');
    expect(result.stdout).toMatch(/\n2 problems in /);
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
  });

  it('prints file paths relative to the current directory', async () => {
    const result = await runCli(['validate', 'database-id-format'], { cwd: path.join(ROOT, 'tests/fixtures/invalid') });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^database-id-format\/database\.yaml:2:5  database-id-format  database id "console db"/m);
  });

  it('--json prints data: ok, problems and tables', async () => {
    const ok = await runCli(['validate', '--json']);
    expect(ok.code).toBe(0);
    const data = JSON.parse(ok.stdout) as { ok: boolean; problems: unknown[]; tables: { id: string; columns: number; rowBytes: number }[] };
    expect(data.ok).toBe(true);
    expect(data.problems).toEqual([]);
    expect(data.tables.map((t) => t.id)).toEqual(['audit_logs', 'customer_interactions', 'customers', 'invoices']);
    expect(data.tables[2]).toMatchObject({ id: 'customers', columns: 28, indexes: 25, rowBytesMax: 65535 });

    const bad = await runCli(['validate', 'tests/fixtures/invalid/database-id-format', '--json']);
    expect(bad.code).toBe(1);
    const problems = JSON.parse(bad.stdout) as { ok: boolean; problems: { file: string; line: number; column: number; rule: string }[] };
    expect(problems.ok).toBe(false);
    expect(problems.problems).toContainEqual(
      expect.objectContaining({ file: 'tests/fixtures/invalid/database-id-format/database.yaml', line: 2, column: 5, rule: 'database-id-format' }),
    );
  });

  it('fails cleanly on a missing directory', async () => {
    const result = await runCli(['validate', 'no/such/dir']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('crm-schema: schema directory no/such/dir does not exist');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    ['yaml-alias-unresolved', 'table.yaml:3:7  yaml-alias-unresolved  alias *a refers to no anchor'],
    ['yaml-alias-cycle', 'table.yaml:8:5  yaml-alias-cycle'],
    ['yaml-alias-limit', 'table.yaml:5:16  yaml-alias-limit'],
  ])('reports the YAML alias problem %s as a located problem, not an internal error', async (fixture, expected) => {
    const result = await runCli(['validate', `tests/fixtures/invalid/${fixture}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`tests/fixtures/invalid/${fixture}/${expected}`);
    expect(result.stdout + result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toContain('internal error');
  });
});
