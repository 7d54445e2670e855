import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSchema, readSchemaDir } from '../../src/loader/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

const FIXTURES = path.join(ROOT, 'tests/unit/diff/fixtures');
const BEFORE = path.join(FIXTURES, 'before');
const AFTER = path.join(FIXTURES, 'after');

const EXPECTED_OPS = [
  'update_table:contacts safe',
  'delete_table:legacy destructive',
  'rename_column:contacts.phone safe',
  'replace_column:contacts.zip destructive',
  'delete_column:contacts.fax destructive',
  'create_column:contacts.score safe',
  'update_column:contacts.fullName safe',
  'update_column:contacts.status data_dependent',
  'create_index:contacts.idx_mobile data_dependent',
];

interface JsonPlan {
  formatVersion: number;
  changes: boolean;
  summary: Record<string, number>;
  operations: { id: string; risk: string }[];
  prechecks: { kind: string }[];
}

function opsOf(stdout: string): string[] {
  const plan = JSON.parse(stdout) as JsonPlan;
  return plan.operations.map((op) => `${op.id} ${op.risk}`);
}

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'crm-schema-diff-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('crm-schema diff', () => {
  it('prints the plan between two directories, grouped by table, with a summary line', async () => {
    const result = await runCli(['diff', '--from', BEFORE, '--to', AFTER]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Table contacts');
    expect(result.stdout).toMatch(/^ {2}~ rename column phone → mobile/m);
    expect(result.stdout).toMatch(/^ {2}- delete table legacy/m);
    expect(result.stdout).toMatch(/^ {2}! update column status/m);
    expect(result.stdout).toContain('Plan: 9 changes (4 safe, 2 data-dependent, 3 destructive).');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('exits 2 for changes and 0 for none with --detailed-exitcode', async () => {
    const changed = await runCli(['diff', '--from', BEFORE, '--to', AFTER, '--detailed-exitcode']);
    expect(changed.code).toBe(2);
    const same = await runCli(['diff', '--from', AFTER, '--to', AFTER, '--detailed-exitcode']);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe('No changes: database crm matches the schema.\n');
  });

  it('prints versioned JSON with --json and --format json alike', async () => {
    const json = await runCli(['diff', '--from', BEFORE, '--to', AFTER, '--json']);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as JsonPlan;
    expect(plan.formatVersion).toBe(1);
    expect(plan.changes).toBe(true);
    expect(opsOf(json.stdout)).toEqual(EXPECTED_OPS);
    expect(plan.prechecks.map((check) => check.kind)).toEqual(['enum_values_in_use', 'duplicates_under_unique']);
    const format = await runCli(['diff', '--from', BEFORE, '--to', AFTER, '--format', 'json']);
    expect(format.stdout).toBe(json.stdout);
  });

  it('prints a pull-request comment with --format markdown', async () => {
    const result = await runCli(['diff', '--from', BEFORE, '--to', AFTER, '--format', 'markdown']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| destructive | 3 |');
    expect(result.stdout).toContain('[!CAUTION]');
    expect(result.stdout).toContain('#### Table `contacts`');
  });

  it('reads the "before" side from a model snapshot', async () => {
    const loaded = loadSchema(await readSchemaDir(BEFORE));
    const snapshot = path.join(scratch, 'live.json');
    writeFileSync(snapshot, JSON.stringify(loaded.model, null, 2));
    const result = await runCli(['diff', '--from', snapshot, '--to', AFTER, '--json']);
    expect(result.stderr).toBe('');
    expect(opsOf(result.stdout)).toEqual(EXPECTED_OPS);
  });

  it('rejects a snapshot that is not a model, naming the wrong member', async () => {
    const snapshot = path.join(scratch, 'broken.json');
    writeFileSync(snapshot, JSON.stringify({ id: 'crm', name: 'CRM', enabled: true, tables: [{ id: 't', name: 'T' }] }));
    const result = await runCli(['diff', '--from', snapshot, '--to', AFTER]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('$.tables[0].enabled: expected true or false');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads the "before" side from a git ref at the path of --to', async () => {
    const repo = path.join(scratch, 'repo');
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], {
        cwd: repo,
        stdio: 'ignore',
      });
    };
    cpSync(BEFORE, path.join(repo, 'db/schema'), { recursive: true });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'before');
    rmSync(path.join(repo, 'db/schema'), { recursive: true });
    cpSync(AFTER, path.join(repo, 'db/schema'), { recursive: true });

    const result = await runCli(['diff', '--from', 'HEAD', '--to', 'db/schema', '--json'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(opsOf(result.stdout)).toEqual(EXPECTED_OPS);
    // From a subdirectory, --to is resolved against the working directory and found in the repository.
    const nested = await runCli(['diff', '--from', 'HEAD', '--to', 'schema', '--json'], { cwd: path.join(repo, 'db') });
    expect(opsOf(nested.stdout)).toEqual(EXPECTED_OPS);
  });

  it('fails with exit 1 and no stack trace for an unknown source or an invalid schema', async () => {
    const unknown = await runCli(['diff', '--from', 'no-such-ref-or-dir', '--to', AFTER]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--from no-such-ref-or-dir is not a directory, a .json snapshot or a git ref');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);

    const invalid = path.join(scratch, 'invalid');
    cpSync(AFTER, invalid, { recursive: true });
    writeFileSync(path.join(invalid, 'contacts.yaml'), 'kind: table\nid: contacts\ncolumns: [\n');
    const broken = await runCli(['diff', '--from', BEFORE, '--to', invalid]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/contacts\.yaml:\d+:\d+/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});
