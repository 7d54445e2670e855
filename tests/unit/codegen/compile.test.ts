import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { generateTypes } from '../../../src/codegen/index.js';
import { column, crm, database, table } from './models.js';

/**
 * Type-checks generated code with the real compiler under the strictest settings, next to a usage
 * file whose `@ts-expect-error` lines must each hit an error (an unused one is itself an error).
 */
function typeCheck(generated: string, usage: string): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-codegen-'));
  try {
    // An ESM package, like the projects that will import the generated file.
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(dir, 'schema-types.ts'), generated);
    writeFileSync(path.join(dir, 'usage.ts'), usage);
    const program = ts.createProgram([path.join(dir, 'schema-types.ts'), path.join(dir, 'usage.ts')], {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      verbatimModuleSyntax: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: [],
      lib: ['lib.es2023.d.ts'],
    });
    return ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? path.basename(d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const USAGE = `
import {
  CUSTOMER_STATUS_VALUES,
  TABLE_IDS,
  type Customer,
  type CustomerInput,
  type CustomerNotes,
  type CustomerStatus,
  type TableRows,
} from './schema-types.js';

const system = {
  $id: 'c1', $sequence: '1', $tableId: 'customers', $databaseId: 'console-db',
  $createdAt: '2026-01-01T00:00:00.000+00:00', $updatedAt: '2026-01-01T00:00:00.000+00:00', $permissions: [],
};

export const minimal: Customer = {
  ...system, userId: 'u1', name: 'Ada', status: 'lead', customerType: 'company', currency: 'MYR',
  totalRevenue: 0, totalInvoices: 0, active: true, scores: [],
};
export const withNulls: Customer = { ...minimal, email: null, tags: null, lastContactAt: null };

// @ts-expect-error 'deleted' is not a CustomerStatus
export const wrongEnum: Customer = { ...minimal, status: 'deleted' };

// @ts-expect-error name is required
export const missingName: Customer = { ...system, userId: 'u1', status: 'lead', customerType: 'company', currency: 'MYR', totalRevenue: 0, totalInvoices: 0, active: true, scores: [] };

// @ts-expect-error a defaulted column is always present on a row
export const missingDefaulted: Customer = { ...system, userId: 'u1', name: 'Ada', customerType: 'company', currency: 'MYR', totalRevenue: 0, totalInvoices: 0, active: true, scores: [] };

export const input: CustomerInput = { userId: 'u1', name: 'Ada', customerType: 'individual', totalInvoices: 0, scores: [1] };
// @ts-expect-error a required column without default must be given on create
export const badInput: CustomerInput = { name: 'Ada', customerType: 'individual', totalInvoices: 0, scores: [] };

// @ts-expect-error an optional column may be null, so it is not a plain string
export const email: string = minimal.email;

export const statuses: readonly CustomerStatus[] = CUSTOMER_STATUS_VALUES;
export const table: 'customers' = TABLE_IDS.customers;
export const viaMap: TableRows['customers'] = minimal;
export const notes: CustomerNotes = { general: 'x', customFields: { a: 1 } };
// @ts-expect-error notes fields have their declared types
export const badNotes: CustomerNotes = { general: 42 };
`;

describe('generated types compile', () => {
  it('type-check under strict settings and reject wrong values', () => {
    expect(typeCheck(generateTypes(crm), USAGE)).toEqual([]);
  });

  it('report an error when a @ts-expect-error line is in fact fine (the check can fail)', () => {
    const diagnostics = typeCheck(generateTypes(crm), `import type { Customer } from './schema-types.js';\n// @ts-expect-error\nexport const s: Customer['status'] = 'active';\n`);
    expect(diagnostics.join('\n')).toMatch(/Unused '@ts-expect-error' directive/);
  });

  it('compile for awkward names, keys and values', () => {
    const odd = database([
      table('odd-things', [
        column({ key: 'first-name', type: 'varchar', required: true, description: 'Ends */ early' }),
        column({ key: 'mood', type: 'enum', elements: [{ value: "it's" }, { value: 'a\nb' }], array: true }),
        column({ key: '$weird', type: 'boolean' }),
        column({ key: 'nothing', type: 'enum', elements: [] }),
      ]),
      table('empty', []),
    ]);
    const usage = `import type { OddThing } from './schema-types.js';\nexport const mood: OddThing['mood'] = ["it's"];\n`;
    expect(typeCheck(generateTypes(odd), usage)).toEqual([]);
  });
});
