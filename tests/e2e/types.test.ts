import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

const COMMITTED = 'src/generated/schema-types.ts';
const REGENERATE = `npm run build && node bin/crm-schema.js types --out ${COMMITTED}`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'crm-types-e2e-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Runs the project's TypeScript compiler on the given files, the way `npx tsc` would. */
function tsc(cwd: string, args: readonly string[]): { code: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Uses the generated CRM types as an application would; every @ts-expect-error must hit an error. */
const USAGE = `import {
  CUSTOMER_STATUS_VALUES,
  DATABASE_ID,
  TABLE_IDS,
  type Customer,
  type CustomerInput,
  type CustomerMetadata,
  type TableRows,
} from './schema-types.js';

const system = {
  $id: 'c1',
  $sequence: '1',
  $tableId: TABLE_IDS.customers,
  $databaseId: DATABASE_ID,
  $createdAt: '2026-01-01T00:00:00.000+00:00',
  $updatedAt: '2026-01-01T00:00:00.000+00:00',
  $permissions: ['read("user:u1")'],
};

export const customer: Customer = {
  ...system,
  userId: 'u1',
  name: 'Ada Lovelace',
  status: 'active',
  customerType: 'individual',
  currency: 'MYR',
  language: 'en',
  totalRevenue: 0,
  totalInvoices: 0,
  email: null,
};

// @ts-expect-error 'deleted' is not a customer status
export const wrongStatus: Customer = { ...customer, status: 'deleted' };

// @ts-expect-error 'fr' is not a supported language
export const wrongLanguage: Customer = { ...customer, language: 'fr' };

// @ts-expect-error an optional column can be null, so it is not a plain string
export const email: string = customer.email;

export const created: CustomerInput = { userId: 'u1', name: 'Ada Lovelace' };
// @ts-expect-error name is required on create
export const nameless: CustomerInput = { userId: 'u1' };

export const metadata: CustomerMetadata = { tags: ['vip'], customFields: { tier: 2 } };
// @ts-expect-error tags are strings
export const badMetadata: CustomerMetadata = { tags: [1] };

export const viaMap: TableRows['customers'] = customer;
export const isStatus = (value: string): boolean => (CUSTOMER_STATUS_VALUES as readonly string[]).includes(value);
`;

describe('crm-schema types', () => {
  it('prints exactly the committed src/generated/schema-types.ts', async () => {
    const result = await runCli(['types']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const committed = readFileSync(path.join(ROOT, COMMITTED), 'utf8');
    expect(result.stdout === committed, `${COMMITTED} is stale; regenerate it with: ${REGENERATE}`).toBe(true);
  });

  it('generates types that compile under --strict and reject wrong values', async () => {
    const dir = path.join(work, 'typecheck');
    mkdirSync(dir);
    const result = await runCli(['types', '--out', path.join(dir, 'schema-types.ts')]);
    expect(result.code).toBe(0);
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(dir, 'usage.ts'), USAGE);
    const args = ['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--exactOptionalPropertyTypes'];
    const checked = tsc(dir, [...args, '--target', 'ES2022', '--module', 'NodeNext', 'usage.ts', 'schema-types.ts']);
    expect(checked.output).toBe('');
    expect(checked.code).toBe(0);

    // The check has teeth: a wrong value that is not marked as expected fails the compile.
    writeFileSync(path.join(dir, 'wrong.ts'), `import type { Customer } from './schema-types.js';\nexport const s: Customer['status'] = 'deleted';\n`);
    const failed = tsc(dir, [...args, '--target', 'ES2022', '--module', 'NodeNext', 'wrong.ts']);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain(`'"deleted"' is not assignable to type 'CustomerStatus'`);
  });

  it('writes --out, creating directories, and --check tells up to date from stale', async () => {
    const out = path.join(work, 'nested/dir/types.ts');
    const written = await runCli(['types', '--out', out]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toMatch(/^wrote .*types\.ts \(\d+ tables\)\n$/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(ROOT, COMMITTED), 'utf8'));

    const fresh = await runCli(['types', '--out', out, '--check']);
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toContain('is up to date');

    appendFileSync(out, '// edited by hand\n');
    const stale = await runCli(['types', '--out', out, '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('is stale; run `crm-schema types --out');
    expect(readFileSync(out, 'utf8')).toContain('// edited by hand');

    const missing = await runCli(['types', '--out', path.join(work, 'absent.ts'), '--check']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
    expect(existsSync(path.join(work, 'absent.ts'))).toBe(false);
  });

  it('prints schema problems as file:line:column  rule  message, exits 1 and writes nothing', async () => {
    const project = path.join(work, 'broken');
    mkdirSync(path.join(project, 'schema'), { recursive: true });
    writeFileSync(path.join(project, 'schema/database.yaml'), 'kind: database\nid: console-db\nname: Console\n');
    writeFileSync(
      path.join(project, 'schema/things.yaml'),
      'kind: table\nid: things\nname: Things\ncolumns:\n  - key: title\n    type: nope\n',
    );
    const result = await runCli(['types', '--out', 'types.ts'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^schema\/things\.yaml:6:\d+ {2}[a-z-]+ {2}.*type/m);
    expect(result.stderr).toContain('no types generated');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(project, 'types.ts'))).toBe(false);
  });

  it('reads --schema relative to the working directory and fails clearly when it is missing', async () => {
    const result = await runCli(['types', '--schema', 'no-such-dir'], { cwd: work });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-such-dir does not exist');
  });

  it('refuses --check without --out', async () => {
    const result = await runCli(['types', '--check']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--check needs --out');
  });
});
