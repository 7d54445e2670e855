import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/model/index.js';
import { diff } from '../../../src/diff/index.js';
import type { Plan, Precheck } from '../../../src/plan/index.js';
import { col, customers, db, idx, table } from './builders.js';

interface Case {
  readonly name: string;
  readonly actual: Database | undefined;
  readonly desired: Database;
  /** `<operation id> <risk>` in plan order. */
  readonly ops: readonly string[];
  /** `<kind> <table>.<column or index>` in plan order. */
  readonly prechecks?: readonly string[];
}

const live = db([customers()]);

const cases: readonly Case[] = [
  // Database level
  {
    name: 'no live database: creates everything',
    actual: undefined,
    desired: db([customers([], [idx('by_email', ['email'])])]),
    ops: [
      'create_database:console-db safe',
      'create_table:customers safe',
      'create_column:customers.name safe',
      'create_column:customers.email safe',
      'create_index:customers.by_email safe',
    ],
  },
  {
    name: 'live database with another id counts as absent',
    actual: db([customers()], { id: 'other-db' }),
    desired: db([]),
    ops: ['create_database:console-db safe'],
  },
  { name: 'database renamed', actual: live, desired: db([customers()], { name: 'CRM' }), ops: ['update_database:console-db safe'] },
  { name: 'database disabled', actual: live, desired: db([customers()], { enabled: false }), ops: ['update_database:console-db safe'] },
  // Tables
  {
    name: 'new table on an existing database',
    actual: live,
    desired: db([customers(), table('notes', [col.text('body')])]),
    ops: ['create_table:notes safe', 'create_column:notes.body safe'],
  },
  { name: 'an undeclared live table is never deleted', actual: db([customers(), table('legacy', [col.text('x')])]), desired: live, ops: [] },
  {
    name: 'a table listed in removedTables is deleted',
    actual: db([customers(), table('legacy', [col.text('x')])]),
    desired: db([customers()], { removedTables: ['legacy'] }),
    ops: ['delete_table:legacy destructive'],
  },
  { name: 'removedTables naming a table that is already gone does nothing', actual: live, desired: db([customers()], { removedTables: ['gone'] }), ops: [] },
  {
    name: 'a table both declared and listed as removed is kept',
    actual: live,
    desired: db([customers()], { removedTables: ['customers'] }),
    ops: [],
  },
  { name: 'table display name changed', actual: live, desired: db([customers([], [], { name: 'Clients' })]), ops: ['update_table:customers safe'] },
  {
    name: 'table permissions changed',
    actual: live,
    desired: db([customers([], [], { permissions: ['read("any")'] })]),
    ops: ['update_table:customers safe'],
  },
  { name: 'row security turned on', actual: live, desired: db([customers([], [], { rowSecurity: true })]), ops: ['update_table:customers safe'] },
  { name: 'table disabled', actual: live, desired: db([customers([], [], { enabled: false })]), ops: ['update_table:customers safe'] },
  {
    name: 'permission order alone is no change',
    actual: live,
    desired: db([customers([], [], { permissions: ['read("users")', 'create("users")'] })]),
    ops: [],
  },
  // Columns: create and delete
  { name: 'optional column added', actual: live, desired: db([customers([col.integer('score')])]), ops: ['create_column:customers.score safe'] },
  {
    name: 'required column added to an existing table',
    actual: live,
    desired: db([customers([col.integer('score', { required: true })])]),
    ops: ['create_column:customers.score data_dependent'],
    prechecks: ['rows_missing_required customers.score'],
  },
  {
    name: 'required column on a new table needs no check',
    actual: live,
    desired: db([customers(), table('tags', [col.string('label', 32, { required: true })])]),
    ops: ['create_table:tags safe', 'create_column:tags.label safe'],
  },
  { name: 'column removed from the schema is deleted', actual: db([customers([col.text('fax')])]), desired: live, ops: ['delete_column:customers.fax destructive'] },
  // Columns: in place
  { name: 'size widened', actual: live, desired: db([customers([], [], {})].map(withName(256))), ops: ['update_column:customers.name safe'] },
  {
    name: 'size shrunk',
    actual: live,
    desired: db([customers()].map(withName(64))),
    ops: ['update_column:customers.name data_dependent'],
    prechecks: ['values_too_long customers.name'],
  },
  {
    name: 'column becomes required',
    actual: live,
    desired: db([table('customers', [col.string('name', 128, { required: true }), col.email('email', { required: true })])]),
    ops: ['update_column:customers.email data_dependent'],
    prechecks: ['nulls_in_required customers.email'],
  },
  {
    name: 'column becomes optional',
    actual: live,
    desired: db([table('customers', [col.string('name', 128), col.email('email')])]),
    ops: ['update_column:customers.name safe'],
  },
  {
    name: 'default changed',
    actual: db([customers([col.integer('score', { default: 0 })])]),
    desired: db([customers([col.integer('score', { default: 10 })])]),
    ops: ['update_column:customers.score safe'],
  },
  {
    name: 'enum element added',
    actual: db([customers([col.enum('status', ['lead', 'active'])])]),
    desired: db([customers([col.enum('status', ['lead', 'active', 'churned'])])]),
    ops: ['update_column:customers.status safe'],
  },
  {
    name: 'enum element removed',
    actual: db([customers([col.enum('status', ['lead', 'active', 'churned'])])]),
    desired: db([customers([col.enum('status', ['lead', 'active'])])]),
    ops: ['update_column:customers.status data_dependent'],
    prechecks: ['enum_values_in_use customers.status'],
  },
  {
    name: 'enum elements reordered',
    actual: db([customers([col.enum('status', ['lead', 'active'])])]),
    desired: db([customers([col.enum('status', ['active', 'lead'])])]),
    ops: ['update_column:customers.status safe'],
  },
  {
    name: 'min raised',
    actual: db([customers([col.integer('age', { min: 0, max: 150 })])]),
    desired: db([customers([col.integer('age', { min: 18, max: 150 })])]),
    ops: ['update_column:customers.age data_dependent'],
    prechecks: ['values_out_of_range customers.age'],
  },
  {
    name: 'max lowered',
    actual: db([customers([col.float('discount', { min: 0, max: 100 })])]),
    desired: db([customers([col.float('discount', { min: 0, max: 50 })])]),
    ops: ['update_column:customers.discount data_dependent'],
    prechecks: ['values_out_of_range customers.discount'],
  },
  {
    name: 'a bound added to an unbounded column tightens it',
    actual: db([customers([col.integer('age')])]),
    desired: db([customers([col.integer('age', { min: 0 })])]),
    ops: ['update_column:customers.age data_dependent'],
    prechecks: ['values_out_of_range customers.age'],
  },
  {
    name: 'range loosened',
    actual: db([customers([col.integer('age', { min: 18, max: 100 })])]),
    desired: db([customers([col.integer('age', { min: 0 })])]),
    ops: ['update_column:customers.age safe'],
  },
  // Columns: destructive replacements
  {
    name: 'type change replaces the column',
    actual: db([customers([col.string('zip', 16)])]),
    desired: db([customers([col.integer('zip')])]),
    ops: ['replace_column:customers.zip destructive'],
  },
  {
    name: 'array-ness change replaces the column',
    actual: db([customers([col.string('tags', 32)])]),
    desired: db([customers([col.string('tags', 32, { array: true })])]),
    ops: ['replace_column:customers.tags destructive'],
  },
  {
    name: 'format change (email to url) replaces the column',
    actual: live,
    desired: db([table('customers', [col.string('name', 128, { required: true }), col.url('email')])]),
    ops: ['replace_column:customers.email destructive'],
  },
  {
    name: 'encryption change replaces the column',
    actual: db([customers([col.varchar('ssn', 200)])]),
    desired: db([customers([col.varchar('ssn', 200, { encrypt: true })])]),
    ops: ['replace_column:customers.ssn destructive'],
  },
  // A legacy string is the same column as the type Appwrite stores it as (appwrite-cli pushes only
  // string; the export -> push -> plan path must not drop data).
  {
    name: 'a legacy string(n) is kept where varchar(n) is declared: the same VARCHAR storage',
    actual: db([customers([col.string('city', 64)])]),
    desired: db([customers([col.varchar('city', 64)])]),
    ops: [],
  },
  {
    name: 'a legacy string(n) under a wider varchar is widened in place',
    actual: db([customers([col.string('city', 64)])]),
    desired: db([customers([col.varchar('city', 128)])]),
    ops: ['update_column:customers.city safe'],
  },
  {
    name: 'a legacy string(65535) is kept where text is declared: both are TEXT',
    actual: db([customers([col.string('notes', 65535)])]),
    desired: db([customers([col.text('notes')])]),
    ops: [],
  },
  {
    name: 'a legacy string stored as TEXT under a declared varchar is replaced',
    actual: db([customers([col.string('city', 20000)])]),
    desired: db([customers([col.varchar('city', 16000)])]),
    ops: ['replace_column:customers.city destructive'],
  },
  {
    name: 'a legacy string with another encryption is still replaced',
    actual: db([customers([col.string('ssn', 200, { encrypt: true })])]),
    desired: db([customers([col.varchar('ssn', 200)])]),
    ops: ['replace_column:customers.ssn destructive'],
  },
  // Renames
  {
    name: 'declared rename keeps the data',
    actual: db([customers([col.string('phone', 32)])]),
    desired: db([customers([col.string('mobile', 32, { renamedFrom: 'phone' })])]),
    ops: ['rename_column:customers.phone safe'],
  },
  {
    name: 'rename and shrink: the check names the live key',
    actual: db([customers([col.string('phone', 32)])]),
    desired: db([customers([col.string('mobile', 16, { renamedFrom: 'phone' })])]),
    ops: ['rename_column:customers.phone safe', 'update_column:customers.mobile data_dependent'],
    prechecks: ['values_too_long customers.phone'],
  },
  {
    name: 'an undeclared rename is a delete and a create',
    actual: db([customers([col.string('phone', 32)])]),
    desired: db([customers([col.string('mobile', 32)])]),
    ops: ['delete_column:customers.phone destructive', 'create_column:customers.mobile safe'],
  },
  {
    name: 'a rename already done live is no change',
    actual: db([customers([col.string('mobile', 32)])]),
    desired: db([customers([col.string('mobile', 32, { renamedFrom: 'phone' })])]),
    ops: [],
  },
  {
    name: 'rename with a type change replaces the old key',
    actual: db([customers([col.string('phone', 32)])]),
    desired: db([customers([col.integer('phoneNumber', { renamedFrom: 'phone' })])]),
    ops: ['replace_column:customers.phoneNumber destructive'],
  },
  // Indexes
  { name: 'index added', actual: live, desired: db([customers([], [idx('by_name', ['name'])])]), ops: ['create_index:customers.by_name safe'] },
  {
    name: 'unique index over existing rows',
    actual: live,
    desired: db([customers([], [idx('email_unique', ['email'], 'unique')])]),
    ops: ['create_index:customers.email_unique data_dependent'],
    prechecks: ['duplicates_under_unique customers.email_unique'],
  },
  {
    name: 'unique index over a new column needs no check',
    actual: live,
    desired: db([customers([col.string('code', 16)], [idx('code_unique', ['code'], 'unique')])]),
    ops: ['create_column:customers.code safe', 'create_index:customers.code_unique safe'],
  },
  {
    name: 'index removed from the schema',
    actual: db([customers([], [idx('by_name', ['name'])])]),
    desired: live,
    ops: ['delete_index:customers.by_name destructive'],
  },
  {
    name: 'index columns changed: delete then create',
    actual: db([customers([], [idx('lookup', ['name'])])]),
    desired: db([customers([], [idx('lookup', ['name', 'email'])])]),
    ops: ['delete_index:customers.lookup safe', 'create_index:customers.lookup safe'],
  },
  {
    name: 'index order changed',
    actual: db([customers([], [idx('lookup', ['name'])])]),
    desired: db([customers([], [idx('lookup', ['name'], 'key', { orders: ['desc'] })])]),
    ops: ['delete_index:customers.lookup safe', 'create_index:customers.lookup safe'],
  },
  {
    name: 'index becomes unique',
    actual: db([customers([], [idx('lookup', ['email'])])]),
    desired: db([customers([], [idx('lookup', ['email'], 'unique')])]),
    ops: ['delete_index:customers.lookup safe', 'create_index:customers.lookup data_dependent'],
    prechecks: ['duplicates_under_unique customers.lookup'],
  },
  {
    name: 'unique index widened by a column needs no check',
    actual: db([customers([], [idx('u', ['email'], 'unique')])]),
    desired: db([customers([], [idx('u', ['email', 'name'], 'unique')])]),
    ops: ['delete_index:customers.u safe', 'create_index:customers.u safe'],
  },
  {
    name: 'index over a deleted column goes first',
    actual: db([customers([col.text('fax')], [idx('by_fax', ['fax'], 'key', { lengths: [32] })])]),
    desired: live,
    ops: ['delete_index:customers.by_fax destructive', 'delete_column:customers.fax destructive'],
  },
  {
    name: 'index over a replaced column is rebuilt around it',
    actual: db([customers([col.string('zip', 16)], [idx('by_zip', ['zip'])])]),
    desired: db([customers([col.integer('zip')], [idx('by_zip', ['zip'])])]),
    ops: ['delete_index:customers.by_zip safe', 'replace_column:customers.zip destructive', 'create_index:customers.by_zip safe'],
  },
  {
    name: 'index over a renamed column is left to Appwrite',
    actual: db([customers([col.string('phone', 32)], [idx('by_phone', ['phone'])])]),
    desired: db([customers([col.string('mobile', 32, { renamedFrom: 'phone' })], [idx('by_phone', ['mobile'])])]),
    ops: ['rename_column:customers.phone safe'],
  },
  // Documentation-only fields
  {
    name: 'documentation-only changes are no change',
    actual: live,
    desired: db([
      table(
        'customers',
        [col.string('name', 128, { required: true, description: 'Full name', app: { maxLength: 80 } }), col.email('email', { description: 'x' })],
        [],
        { description: 'People', typeName: 'Customer', rowPermissions: ['read("user:{id}")'] },
      ),
    ]),
    ops: [],
  },
];

function withName(size: number) {
  return (t: ReturnType<typeof customers>) => ({ ...t, columns: [col.string('name', size, { required: true }), ...t.columns.slice(1)] });
}

function opLines(plan: Plan): string[] {
  return plan.operations.map((op) => `${op.id} ${op.risk}`);
}

function precheckLines(plan: Plan): string[] {
  return plan.prechecks.map((check: Precheck) => `${check.kind} ${check.table}.${check.kind === 'duplicates_under_unique' ? check.index : check.column}`);
}

describe('diff: one case per kind of change', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('$name', ({ actual, desired, ops, prechecks }) => {
    const plan = diff(actual, desired);
    expect(opLines(plan)).toEqual(ops);
    expect(precheckLines(plan)).toEqual(prechecks ?? []);
    expect(plan.summary.total).toBe(ops.length);
    // Every data-dependent operation is guarded by a pre-check, and only those are.
    const guarded = new Set(plan.prechecks.map((check) => check.operation));
    for (const op of plan.operations) expect(guarded.has(op.id)).toBe(op.risk === 'data_dependent');
  });
});
