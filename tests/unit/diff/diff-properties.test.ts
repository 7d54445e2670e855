import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Database } from '../../../src/model/index.js';
import { diff } from '../../../src/diff/index.js';
import { loadSchema, readSchemaDir } from '../../../src/loader/index.js';
import type { Operation, Plan } from '../../../src/plan/index.js';
import { ROOT } from '../../helpers/cli.js';
import { col, customers, db, idx, table } from './builders.js';

async function repoSchema(): Promise<Database> {
  const result = loadSchema(await readSchemaDir(path.join(ROOT, 'schema'), ROOT));
  if (result.model === undefined) throw new Error(JSON.stringify(result.problems));
  return result.model;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

function op(plan: Plan, id: string): Operation {
  const found = plan.operations.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no operation ${id} in ${plan.operations.map((o) => o.id).join(', ')}`);
  return found;
}

/** A before/after pair touching every phase: tables, renames, replaces, creates, updates, indexes. */
const before = db([
  customers([col.string('phone', 32), col.string('zip', 16), col.text('fax'), col.enum('status', ['a', 'b', 'c'])], [
    idx('by_zip', ['zip']),
    idx('by_fax', ['fax'], 'key', { lengths: [16] }),
  ]),
  table('legacy', [col.text('x')]),
]);
const after = db(
  [
    customers(
      [col.string('mobile', 64, { renamedFrom: 'phone' }), col.integer('zip'), col.enum('status', ['a', 'b']), col.boolean('vip', { required: true })],
      [idx('by_zip', ['zip']), idx('by_mobile', ['mobile'], 'unique')],
      { rowSecurity: true },
    ),
    table('notes', [col.text('body'), col.string('customerId', 36, { required: true })], [idx('by_customer', ['customerId'])]),
  ],
  { removedTables: ['legacy'] },
);

describe('diff: properties', () => {
  it('diff(x, x) is empty for the repository schema and for a hand-built model', async () => {
    const model = await repoSchema();
    for (const x of [model, before, after]) {
      const plan = diff(x, x);
      expect(plan.operations).toEqual([]);
      expect(plan.prechecks).toEqual([]);
      expect(plan.summary).toEqual({ safe: 0, data_dependent: 0, destructive: 0, total: 0 });
      expect(plan.fingerprint.actual).toBe(plan.fingerprint.desired);
    }
  });

  it('never mutates its inputs (deeply frozen models still diff)', () => {
    const frozenBefore = deepFreeze(structuredClone(before));
    const frozenAfter = deepFreeze(structuredClone(after));
    const copyBefore = JSON.stringify(frozenBefore);
    const copyAfter = JSON.stringify(frozenAfter);
    const plan = diff(frozenBefore, frozenAfter);
    expect(plan.operations.length).toBeGreaterThan(5);
    expect(JSON.stringify(frozenBefore)).toBe(copyBefore);
    expect(JSON.stringify(frozenAfter)).toBe(copyAfter);
  });

  it('is deterministic: same input, same plan; table order in the input does not matter', () => {
    const first = diff(before, after);
    expect(diff(before, after)).toEqual(first);
    const shuffled = { ...after, tables: [...after.tables].reverse() };
    const shuffledLive = { ...before, tables: [...before.tables].reverse() };
    expect(diff(shuffledLive, shuffled)).toEqual(first);
  });

  it('orders phases: tables, index deletes, renames, column deletes, creates, updates, index creates', () => {
    const plan = diff(before, after);
    expect(plan.operations.map((o) => o.id)).toEqual([
      'update_table:customers',
      'create_table:notes',
      'delete_table:legacy',
      'delete_index:customers.by_zip',
      'delete_index:customers.by_fax',
      'rename_column:customers.phone',
      'replace_column:customers.zip',
      'delete_column:customers.fax',
      'create_column:customers.vip',
      'create_column:notes.body',
      'create_column:notes.customerId',
      'update_column:customers.mobile',
      'update_column:customers.status',
      'create_index:customers.by_zip',
      'create_index:customers.by_mobile',
      'create_index:notes.by_customer',
    ]);
  });

  it('records direct dependencies, and every dependency comes earlier in the list', () => {
    const plan = diff(before, after);
    expect(op(plan, 'create_column:notes.body').after).toEqual(['create_table:notes']);
    expect(op(plan, 'create_index:notes.by_customer').after).toEqual(['create_column:notes.customerId', 'create_table:notes']);
    expect(op(plan, 'replace_column:customers.zip').after).toEqual(['delete_index:customers.by_zip']);
    expect(op(plan, 'delete_column:customers.fax').after).toEqual(['delete_index:customers.by_fax']);
    expect(op(plan, 'update_column:customers.mobile').after).toEqual(['rename_column:customers.phone']);
    expect(op(plan, 'create_index:customers.by_zip').after).toEqual(['delete_index:customers.by_zip', 'replace_column:customers.zip']);
    expect(op(plan, 'create_index:customers.by_mobile').after).toEqual(['rename_column:customers.phone', 'update_column:customers.mobile']);
    // Independent work stays independent, so the executor can run it concurrently.
    expect(op(plan, 'create_column:customers.vip').after).toEqual([]);
    expect(op(plan, 'delete_table:legacy').after).toEqual([]);
    const seen = new Set<string>();
    for (const operation of plan.operations) {
      for (const dep of operation.after) expect(seen.has(dep)).toBe(true);
      seen.add(operation.id);
    }
  });

  it('table operations on a new database wait for it', () => {
    const plan = diff(undefined, db([table('a', [col.text('x')])]));
    expect(op(plan, 'create_table:a').after).toEqual(['create_database:console-db']);
  });

  it('gives every operation a unique id, a summary, and reasons unless it is a plain create', () => {
    const plan = diff(before, after);
    expect(new Set(plan.operations.map((o) => o.id)).size).toBe(plan.operations.length);
    for (const operation of plan.operations) {
      expect(operation.summary.length).toBeGreaterThan(5);
      // A plain create's summary says it all; every other operation says why it exists.
      expect(operation.reasons).not.toContain('new in the schema');
      if (!(operation.kind.startsWith('create_') && operation.risk === 'safe')) expect(operation.reasons.length, operation.id).toBeGreaterThan(0);
    }
    expect(plan.summary).toEqual({ safe: 9, data_dependent: 3, destructive: 4, total: 16 });
  });

  it('update_table carries the full desired values and says it changes access', () => {
    const plan = diff(before, after);
    const update = op(plan, 'update_table:customers');
    if (update.kind !== 'update_table') throw new Error('wrong kind');
    expect(update).toMatchObject({ name: 'Customers', enabled: true, rowSecurity: true, permissions: ['create("users")', 'read("users")'] });
    expect(update.changes).toEqual([{ property: 'rowSecurity', from: false, to: true }]);
    expect(update.summary).toContain('changes access');
    const renameOnly = diff(db([table('t', [])]), db([table('t', [], [], { name: 'Other' })])).operations[0];
    expect(renameOnly?.summary).not.toContain('changes access');
  });

  it('destructive operations carry advice on keeping the data', () => {
    const plan = diff(before, after);
    const replace = op(plan, 'replace_column:customers.zip');
    expect(replace.hazards[0]?.advice).toMatch(/new column.*migration/s);
    expect(op(plan, 'delete_column:customers.fax').hazards[0]?.advice).toContain('renamedFrom: fax');
    expect(op(plan, 'delete_table:legacy').hazards[0]?.code).toBe('table_data_loss');
    for (const operation of plan.operations) {
      if (operation.risk === 'destructive') expect(operation.hazards.length).toBeGreaterThan(0);
    }
  });

  it('pre-checks say exactly what to count, in live names', () => {
    const plan = diff(before, after);
    expect(plan.prechecks).toEqual([
      expect.objectContaining({ kind: 'rows_missing_required', table: 'customers', column: 'vip', operation: 'create_column:customers.vip' }),
      expect.objectContaining({ kind: 'enum_values_in_use', column: 'status', values: ['c'] }),
      // The unique index is declared over the renamed key; the check runs before the rename.
      expect.objectContaining({ kind: 'duplicates_under_unique', index: 'by_mobile', columns: ['phone'] }),
    ]);
    const shrink = diff(
      db([customers([col.integer('age', { min: 0, max: 200 })])]),
      db([customers([col.integer('age', { min: 18, max: 120 })])]),
    );
    expect(shrink.prechecks).toEqual([expect.objectContaining({ kind: 'values_out_of_range', column: 'age', min: 18, max: 120 })]);
    const renamedUnique = diff(
      db([customers([col.string('phone', 32)])]),
      db([customers([col.string('mobile', 32, { renamedFrom: 'phone' })], [idx('u', ['mobile'], 'unique')])]),
    );
    expect(renamedUnique.prechecks).toEqual([expect.objectContaining({ kind: 'duplicates_under_unique', columns: ['phone'] })]);
  });

  it('update_column lists each changed property with its own risk', () => {
    const plan = diff(
      db([customers([col.string('code', 64, { default: 'x' })])]),
      db([customers([col.string('code', 32, { required: true })])]),
    );
    const update = plan.operations[0];
    if (update?.kind !== 'update_column') throw new Error('expected update_column');
    expect(update.changes).toEqual([
      { property: 'required', from: false, to: true, risk: 'data_dependent' },
      { property: 'default', from: 'x', to: null, risk: 'safe' },
      { property: 'size', from: 64, to: 32, risk: 'data_dependent' },
    ]);
    expect(update.column.required).toBe(true);
    expect(update.previous.required).toBe(false);
    expect(plan.prechecks.map((c) => c.kind)).toEqual(['nulls_in_required', 'values_too_long']);
    expect(new Set(plan.prechecks.map((c) => c.id)).size).toBe(2);
  });
});
