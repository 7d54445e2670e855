import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diff } from '../../../src/diff/index.js';
import { authorMigration } from '../../../src/migrations/author.js';
import { isReversible, splitPhases } from '../../../src/migrations/phases.js';
import { replaySteps } from '../../../src/migrations/replay.js';
import { formatSchemaMigration, parseSchemaMigration } from '../../../src/migrations/schema-file.js';
import type { MigrationStep, SchemaMigration } from '../../../src/migrations/types.js';
import type { Column, Database, Index } from '../../../src/model/index.js';
import { col, db, idx, table } from './helpers.js';

/** A column of one of a few types, under `key`. */
const columnOf = (key: string): fc.Arbitrary<Column> =>
  fc.record({ kind: fc.integer({ min: 0, max: 8 }), required: fc.boolean(), array: fc.boolean() }).map(({ kind, required, array }) => {
    const extra = { required: required && !array, array: array && kind <= 2 };
    return [
      col.integer(key, extra), col.float(key, extra), col.varchar(key, 20, extra), col.varchar(key, 100, extra), col.text(key, { required: extra.required }),
      col.enum(key, ['x', 'y'], { required: extra.required }), col.boolean(key, { required: extra.required }), col.email(key), col.varchar(key, 40, { encrypt: true }),
    ][kind] as Column;
  });

const indexesOver = (keys: readonly string[]): fc.Arbitrary<Index[]> =>
  keys.length === 0 ? fc.constant([]) : fc.uniqueArray(fc.subarray([...keys], { minLength: 1, maxLength: Math.min(2, keys.length) }), { maxLength: 2, selector: (c) => c.join() })
    .chain((lists) => fc.tuple(...lists.map(() => fc.boolean())).map((unique) => lists.map((columns, i) => idx(`i_${columns.join('_')}`, columns, unique[i] ? 'unique' : 'key'))));

const POOL = ['a', 'b', 'c', 'd'];
/** A table before, and what each of its columns becomes: kept, retyped, dropped or renamed; plus new ones. */
const pair: fc.Arbitrary<{ before: Database; desired: Database }> = fc
  .subarray(POOL, { minLength: 1 })
  .chain((keys) => fc.tuple(fc.tuple(...keys.map(columnOf)), fc.tuple(...keys.map(() => fc.integer({ min: 0, max: 3 }))), fc.tuple(...keys.map(columnOf)), fc.boolean(), fc.boolean()))
  .chain(([columns, fates, retyped, addColumn, addTable]) => {
    const after: Column[] = [];
    columns.forEach((column, i) => {
      const fate = fates[i];
      if (fate === 0) after.push(column);
      if (fate === 1) after.push(retyped[i] as Column);
      if (fate === 3) after.push({ ...column, key: `${column.key}_renamed`, renamedFrom: column.key } as Column);
    });
    if (addColumn) after.push(col.integer('added'));
    const beforeKeys = columns.map((c) => c.key);
    return fc.tuple(indexesOver(beforeKeys), indexesOver(after.map((c) => c.key))).map(([beforeIndexes, afterIndexes]) => ({
      before: db([table('people', columns, beforeIndexes)]),
      desired: db([table('people', after, afterIndexes), ...(addTable ? [table('zzz', [col.integer('n')])] : [])]),
    }));
  });

const check = (migration: SchemaMigration): void => {
  const parsed = parseSchemaMigration('f.yaml', formatSchemaMigration('0002', 'x', 'test', migration));
  expect(parsed.problems).toEqual([]);
  splitPhases(migration.steps);
};

describe('authorMigration: properties', () => {
  it('writes migrations that replay to the schema, parse back, and copy every retyped column', () => {
    fc.assert(
      fc.property(pair, ({ before, desired }) => {
        const authored = authorMigration(before, desired);
        const replaced = diff(before, desired).operations.filter((op) => op.kind === 'replace_column').map((op) => (op as { key: string }).key);
        let steps: MigrationStep[];
        if (authored.kind === 'nothing') {
          expect(diff(before, desired).operations).toEqual([]);
          return;
        }
        if (authored.kind === 'schema') {
          check(authored.migration);
          steps = [...authored.migration.steps];
          const first = steps.findIndex((s) => !isReversible(s));
          if (first >= 0) expect(steps.slice(0, first).every(isReversible)).toBe(true);
        } else {
          check(authored.expand);
          check(authored.contract);
          expect(authored.conversions.length).toBeGreaterThan(0);
          steps = [...authored.expand.steps, ...authored.contract.steps];
        }
        const replayed = replaySteps(before, steps, 'authored');
        expect(diff(replayed, desired).operations.map((op) => op.summary)).toEqual([]);
        // No retyped column is dropped without its values going somewhere.
        const copied = new Set([
          ...steps.filter((s) => s.kind === 'copy_column').map((s) => (s as { from: string }).from),
          ...(authored.kind === 'custom_conversion' ? authored.conversions.map((c) => c.from.key) : []),
        ]);
        expect(replaced.filter((key) => !copied.has(key))).toEqual([]);
        expect(steps.some((s) => s.kind === 'replace_column')).toBe(false);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});
