import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf, kindOf, readMigrationsDir, toMigrationFiles } from '../../../src/migrations/source.js';
import { computeSum, verifySum } from '../../../src/migrations/sum.js';
import type { MigrationFile } from '../../../src/migrations/types.js';
import { caught, caughtAsync } from './helpers.js';

const entry = (name: string, content = `# ${name}\n`): { name: string; content: string } => ({ name, content });
const three = (): MigrationFile[] =>
  toMigrationFiles([entry('0001_initial.yaml'), entry('0002_emails.ts'), entry('0003_more.yaml')]);

describe('toMigrationFiles', () => {
  it('orders by version whatever the listing order, and reads kind, name and checksum', () => {
    const files = toMigrationFiles([entry('0010_z.yaml'), entry('0002_b.ts'), entry('0001_a.yaml'), entry('0003_c.js')]);
    expect(files.map((f) => [f.version, f.name, f.kind, f.file])).toEqual([
      [1, 'a', 'schema', '0001_a.yaml'],
      [2, 'b', 'data', '0002_b.ts'],
      [3, 'c', 'data', '0003_c.js'],
      [10, 'z', 'schema', '0010_z.yaml'],
    ]);
    expect(files[0]?.checksum).toBe(checksumOf('# 0001_a.yaml\n'));
    expect(files[0]?.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('skips the sum file, Markdown notes and dotfiles', () => {
    const files = toMigrationFiles([
      entry('migrations.sum'), entry('README.md'), entry('0001_a.md'), entry('.gitkeep'), entry('.DS_Store'), entry('0001_a.yaml'),
    ]);
    expect(files.map((f) => f.file)).toEqual(['0001_a.yaml']);
  });

  it.each([
    ['1_initial.yaml'],
    ['00001_initial.yaml'],
    ['0001-initial.yaml'],
    ['0001_Initial.yaml'],
    ['0001_initial.yml'],
    ['0001_.yaml'],
    ['0001_initial.json'],
    ['initial.yaml'],
    ['0001_initial.yaml.bak'],
  ])('refuses the file name %s (rule migration-file-name)', (name) => {
    const error = caught(() => toMigrationFiles([entry('0000_ok.yaml'), entry(name)]));
    expect(error.details.rule).toBe('migration-file-name');
    expect(error.message).toContain(`migrations/${name}`);
    expect(error.message).toContain('NNNN_name.yaml');
  });

  it.each([
    [['0004_a.yaml', '0004_b.yaml']],
    [['0004_a.yaml', '0004_a.ts']],
    [['0004_x.js', '0004_y.ts', '0001_a.yaml']],
  ])('refuses two files with one version %j (rule migration-version-duplicate)', (names) => {
    const error = caught(() => toMigrationFiles(names.map((n) => entry(n))));
    expect(error.details.rule).toBe('migration-version-duplicate');
    const clashing = names.filter((n) => n.startsWith('0004'));
    for (const name of clashing) expect(error.message).toContain(`migrations/${name}`);
    expect(error.details.files).toEqual([...clashing].sort());
    expect(error.message).toContain('crm-schema migrate hash');
  });

  it('gives CRLF and LF files the same checksum (a checkout on Windows is not an edit)', () => {
    const lf = 'database: console-db\nsteps: []\n';
    const [a] = toMigrationFiles([entry('0001_a.yaml', lf)]);
    const [b] = toMigrationFiles([entry('0001_a.yaml', lf.replace(/\n/g, '\r\n'))]);
    expect(a?.checksum).toBe(b?.checksum);
    expect(checksumOf(lf)).not.toBe(checksumOf(`${lf} `));
  });

  it('reads .yaml as schema steps and .ts / .js as data', () => {
    expect([kindOf('0001_a.yaml'), kindOf('0001_a.ts'), kindOf('0001_a.js')]).toEqual(['schema', 'data', 'data']);
  });
});

describe('computeSum / verifySum', () => {
  it('writes a total, then one chained line per file, and accepts itself (also with CRLF)', () => {
    const files = three();
    const sum = computeSum(files);
    const lines = sum.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^h1:\S+=$/);
    expect(lines.slice(1, 4).map((l) => l.split(' ')[0])).toEqual(['0001_initial.yaml', '0002_emails.ts', '0003_more.yaml']);
    expect(() => verifySum(files, sum)).not.toThrow();
    expect(() => verifySum(files, sum.replace(/\n/g, '\r\n'))).not.toThrow();
    expect(() => verifySum([], undefined)).not.toThrow();
  });

  it('chains: an edit of the first file changes every line, an edit of the last only its own and the total', () => {
    const files = three();
    const before = computeSum(files).split('\n');
    const editFirst = computeSum(toMigrationFiles([entry('0001_initial.yaml', 'x'), entry('0002_emails.ts'), entry('0003_more.yaml')])).split('\n');
    const editLast = computeSum(toMigrationFiles([entry('0001_initial.yaml'), entry('0002_emails.ts'), entry('0003_more.yaml', 'x')])).split('\n');
    expect([0, 1, 2, 3].map((i) => editFirst[i] === before[i])).toEqual([false, false, false, false]);
    expect([0, 1, 2, 3].map((i) => editLast[i] === before[i])).toEqual([false, true, true, false]);
  });

  const sum = computeSum(three());
  const cases: { what: string; files: () => MigrationFile[]; sum?: string | undefined; rule: string; line?: number; names: RegExp }[] = [
    {
      what: 'an edited file',
      files: () => toMigrationFiles([entry('0001_initial.yaml'), entry('0002_emails.ts', 'edited'), entry('0003_more.yaml')]),
      rule: 'migration-sum-mismatch', line: 3, names: /migrations\/0002_emails\.ts \(or a file before it\) was edited/,
    },
    {
      what: 'a deleted last file',
      files: () => toMigrationFiles([entry('0001_initial.yaml'), entry('0002_emails.ts')]),
      rule: 'migration-sum-mismatch', line: 4, names: /migrations\/0003_more\.yaml is listed but the file is gone/,
    },
    {
      what: 'a deleted middle file',
      files: () => toMigrationFiles([entry('0001_initial.yaml'), entry('0003_more.yaml')]),
      rule: 'migration-sum-mismatch', line: 3, names: /migrations\/0002_emails\.ts is listed but the file is gone/,
    },
    {
      what: 'an inserted file',
      files: () => toMigrationFiles([entry('0001_initial.yaml'), entry('0002_emails.ts'), entry('0003_more.yaml'), entry('0004_new.yaml')]),
      rule: 'migration-sum-mismatch', line: 5, names: /migrations\/0004_new\.yaml is not listed \(added or renumbered\?\)/,
    },
    {
      what: 'a file inserted in the middle',
      files: () => toMigrationFiles([entry('0001_initial.yaml'), entry('0002_emails.ts'), entry('0003_aaa.yaml'), entry('0004_more.yaml', '# 0003_more.yaml\n')]),
      rule: 'migration-sum-mismatch', line: 4, names: /0003_more\.yaml is listed but the file is gone.*0003_aaa\.yaml is not listed/,
    },
    {
      what: 'two files swapped by renumbering',
      files: () => toMigrationFiles([entry('0001_initial.yaml'), entry('0002_more.yaml', '# 0003_more.yaml\n'), entry('0003_emails.ts', '# 0002_emails.ts\n')]),
      rule: 'migration-sum-mismatch', line: 3, names: /migrations\/0002_emails\.ts is listed but the file is gone.*migrations\/0002_more\.yaml is not listed/,
    },
    {
      what: 'a wrong total line',
      files: three,
      sum: sum.replace(/^h1:[^\n]+/, 'h1:AAAA'),
      rule: 'migration-sum-mismatch', line: 1, names: /its total \(line 1\) is wrong/,
    },
    {
      what: 'a missing sum file',
      files: three, sum: undefined, rule: 'migration-sum-missing', names: /migrations\/migrations\.sum is missing/,
    },
    {
      what: 'every file deleted',
      files: () => [], rule: 'migration-sum-mismatch', line: 2, names: /migrations\/0001_initial\.yaml is listed but the file is gone/,
    },
  ];
  it.each(cases)('refuses $what with the rule, the file and the repair', (c) => {
    const error = caught(() => verifySum(c.files(), 'sum' in c ? c.sum : sum));
    expect(error.code).toBe('schema_invalid');
    expect(error.details.rule).toBe(c.rule);
    if (c.line !== undefined) expect(error.details.line).toBe(c.line);
    expect(error.message).toMatch(c.names);
    expect(error.message).toContain('`crm-schema migrate hash`');
  });
});

describe('readMigrationsDir', () => {
  const dirWith = async (files: Record<string, string>, dirs: string[] = []): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'crm-migrations-'));
    for (const d of dirs) await mkdir(path.join(dir, d));
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    return dir;
  };

  it('reads an absent directory as an empty one', async () => {
    expect(await readMigrationsDir(path.join(tmpdir(), 'crm-no-such-dir', 'migrations'))).toMatchObject({ files: [], sum: undefined });
  });

  it('reads the files in order, with the sum file on the side and dot-directories skipped', async () => {
    const dir = await dirWith({ '0002_b.ts': 'b', '0001_a.yaml': 'a', 'migrations.sum': 'h1:x\n', 'README.md': '#' }, ['.cache']);
    const read = await readMigrationsDir(dir);
    expect(read.files.map((f) => f.file)).toEqual(['0001_a.yaml', '0002_b.ts']);
    expect(read.sum).toBe('h1:x\n');
  });

  it('refuses a subdirectory by the naming rule instead of failing to read it', async () => {
    const dir = await dirWith({ '0001_a.yaml': 'a' }, ['archive']);
    const error = await caughtAsync(() => readMigrationsDir(dir));
    expect(error.details.rule).toBe('migration-file-name');
    expect(error.message).toContain('migrations/archive');
  });
});
