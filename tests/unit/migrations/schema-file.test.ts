import { describe, expect, it } from 'vitest';
import { formatSchemaMigration, parseSchemaMigration } from '../../../src/migrations/schema-file.js';
import type { SchemaMigration } from '../../../src/migrations/types.js';
import { col, db, idx, stepsBetween, table } from './helpers.js';

const FILE = 'migrations/0002_x.yaml';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const createTable = [
  '  - kind: create_table',
  '    id: create_table:t',
  '    risk: safe',
  '    summary: create table t',
  '    table: t',
  '    name: T',
  '    enabled: true',
  '    rowSecurity: false',
  '    permissions: []',
];

describe('parseSchemaMigration', () => {
  it('reads a valid file with the line of each step', () => {
    const parsed = parseSchemaMigration(FILE, lines('# header', 'database: console-db', 'steps:', ...createTable, ...createTable.map((l) => l.replace('create_table:t', 'create_table:u').replace('table: t', 'table: u'))));
    expect(parsed.problems).toEqual([]);
    expect(parsed.stepLines).toEqual([4, 13]);
    expect(parsed.migration?.database).toBe('console-db');
    expect(parsed.migration?.steps.map((s) => s.id)).toEqual(['create_table:t', 'create_table:u']);
    expect(parsed.migration?.prechecks).toEqual([]);
    expect(parsed.migration?.down).toBeUndefined();
  });

  const cases: { what: string; text: string; line: number; column: number; rule: string; message?: RegExp }[] = [
    { what: 'an empty file', text: '', line: 1, column: 1, rule: 'migration-shape' },
    { what: 'a list at the top', text: lines('- a'), line: 1, column: 1, rule: 'migration-shape' },
    { what: 'no database', text: lines('steps: []'), line: 1, column: 1, rule: 'migration-shape', message: /`database`/ },
    { what: 'steps not a list', text: lines('database: d', 'steps: 3'), line: 2, column: 8, rule: 'migration-shape', message: /`steps` must be a list/ },
    { what: 'down not a list', text: lines('database: d', 'steps: []', 'down: {}'), line: 3, column: 7, rule: 'migration-shape', message: /`down`/ },
    { what: 'prechecks not a list', text: lines('database: d', 'steps: []', 'prechecks: x'), line: 3, column: 12, rule: 'migration-shape', message: /`prechecks`/ },
    { what: 'a step that is a scalar', text: lines('database: d', 'steps:', '  - create'), line: 3, column: 5, rule: 'migration-step-shape' },
    {
      what: 'an unknown kind', text: lines('database: d', 'steps:', '  - kind: drop_everything', '    id: x', '    risk: safe', '    summary: s'),
      line: 3, column: 11, rule: 'migration-step-kind', message: /unknown step kind "drop_everything"/,
    },
    { what: 'a step with no kind', text: lines('database: d', 'steps:', '  - id: x'), line: 3, column: 5, rule: 'migration-step-kind' },
    {
      what: 'a bad risk', text: lines('database: d', 'steps:', ...createTable.map((l) => l.replace('risk: safe', 'risk: harmless'))),
      line: 5, column: 11, rule: 'migration-step-risk', message: /safe, data_dependent or destructive/,
    },
    {
      what: 'a missing field', text: lines('database: d', 'steps:', ...createTable.filter((l) => !l.includes('rowSecurity'))),
      line: 3, column: 5, rule: 'migration-step-shape', message: /create_table needs `rowSecurity`/,
    },
    {
      what: 'a summary that is not a string', text: lines('database: d', 'steps:', ...createTable.map((l) => l.replace('summary: create table t', 'summary: [a]'))),
      line: 6, column: 14, rule: 'migration-step-shape', message: /`summary` must be a string/,
    },
    {
      what: 'a copy step without its conversion',
      text: lines('database: d', 'steps:', '  - kind: copy_column', '    id: c', '    risk: safe', '    summary: s', '    table: t', '    from: a', '    to: b'),
      line: 3, column: 5, rule: 'migration-step-shape', message: /copy_column needs `conversion`/,
    },
    {
      what: 'a bad step inside down', text: lines('database: d', 'steps: []', 'down:', '  - kind: nope'),
      line: 4, column: 11, rule: 'migration-step-kind',
    },
    { what: 'a duplicate key', text: lines('database: d', 'database: e', 'steps: []'), line: 2, column: 1, rule: 'yaml-duplicate-key' },
    { what: 'an unclosed quote', text: lines('database: "d', 'steps: []'), line: 1, column: 11, rule: 'yaml-missing-char' },
  ];
  it.each(cases)('locates $what at its line:column with its rule', (c) => {
    const parsed = parseSchemaMigration(FILE, c.text);
    expect(parsed.migration).toBeUndefined();
    const [first] = parsed.problems;
    expect(first).toMatchObject({ file: FILE, line: c.line, column: c.column, rule: c.rule });
    if (c.message !== undefined) expect(first?.message).toMatch(c.message);
  });

  it('refuses two steps with one id (the executor orders steps by id: one would run twice, the other never)', () => {
    const second = createTable.map((l) => l.replace('table: t', 'table: u'));
    const parsed = parseSchemaMigration(FILE, lines('database: d', 'steps:', ...createTable, ...second));
    expect(parsed.migration).toBeUndefined();
    expect(parsed.problems).toEqual([expect.objectContaining({
      line: 13, column: 9, rule: 'migration-step-id-duplicate', message: expect.stringMatching(/create_table:t .*step 1/) as unknown,
    })]);
  });

  it('reports every problem of every step, not only the first', () => {
    const text = lines('database: d', 'steps:', '  - kind: nope', '  - kind: create_index', '    id: i', '    risk: bad', '    summary: s');
    const parsed = parseSchemaMigration(FILE, text);
    expect(parsed.problems.map((p) => `${p.line}:${p.column} ${p.rule}`)).toEqual([
      '3:11 migration-step-kind',
      '6:11 migration-step-risk',
      '4:5 migration-step-shape',
      '4:5 migration-step-shape',
    ]);
    expect(parsed.stepLines).toEqual([3, 4]);
  });
});

describe('formatSchemaMigration', () => {
  const documented = col.enum('status', ['lead', 'won'], { description: 'where the deal is', required: true, default: 'lead' });
  const withDocs = {
    ...documented,
    elements: [{ value: 'lead', description: 'new' }, { value: 'won', description: 'closed' }],
    app: { maxLength: 3 },
  } as typeof documented;
  const before = db([table('deals', [col.string('title', 64), col.integer('amount')], [idx('by_title', ['title'])])]);
  const after = db([
    table('deals', [col.string('title', 128, { renamedFrom: 'name' }), col.float('amount', { description: 'EUR' }), withDocs],
      [idx('by_title', ['title'], 'key', { description: 'lookup' }), idx('by_status', ['status'])]),
    table('notes', [col.text('body', { description: 'free text' })]),
  ]);
  const migration: SchemaMigration = { database: 'console-db', steps: stepsBetween(before, after), prechecks: [] };
  const text = formatSchemaMigration('0002', 'deals', 'crm-schema migrate new deals', migration);
  const parsed = parseSchemaMigration(FILE, text);

  it('writes a header that counts the risks', () => {
    const count = (risk: string): number => migration.steps.filter((s) => s.risk === risk).length;
    expect([count('safe'), count('data_dependent'), count('destructive')]).toEqual([4, 1, 1]);
    expect(text.split('\n')[0]).toBe('# Migration 0002 deals: written by `crm-schema migrate new deals`.');
    expect(text).toContain('# Risk: 4 safe, 1 data-dependent, 1 destructive.');
  });

  it('round-trips through parseSchemaMigration: the same steps, documentation fields stripped', () => {
    expect(parsed.problems).toEqual([]);
    const docs = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) =>
      ['description', 'app', 'renamedFrom'].includes(key) ? undefined : v)) as unknown;
    const expected = migration.steps.map((step) => {
      const { reasons, hazards, ...rest } = docs(step) as Record<string, unknown[]>;
      return {
        ...rest,
        ...(reasons?.length && !(step.kind.startsWith('create_') && step.risk === 'safe') ? { reasons } : {}),
        ...(hazards?.length ? { hazards } : {}),
      };
    });
    expect(parsed.migration?.steps).toEqual(expected);
    expect(parsed.migration?.database).toBe('console-db');
    expect(text).not.toMatch(/description:|maxLength:|renamedFrom:/);
  });

  it('keeps the reasons of changes and the hazards of destructive steps, drops a safe create\'s reason', () => {
    const steps = parsed.migration?.steps ?? [];
    const replace = steps.find((s) => s.kind === 'replace_column') as unknown as Record<string, unknown[]>;
    expect(replace.hazards?.length).toBeGreaterThan(0);
    expect(replace.reasons?.length).toBeGreaterThan(0);
    const create = steps.find((s) => s.kind === 'create_table') as unknown as Record<string, unknown>;
    expect(create.reasons).toBeUndefined();
  });

  it('puts kind, id, risk and summary first in each step', () => {
    const firstStep = text.slice(text.indexOf('  - kind:')).split('\n').slice(0, 4).map((l) => l.trim().split(':')[0]);
    expect(firstStep).toEqual(['- kind', 'id', 'risk', 'summary']);
  });
});
