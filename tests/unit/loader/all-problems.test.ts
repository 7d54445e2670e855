import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadSchema, readSchemaDir } from '../../../src/loader/index.js';
import { ROOT } from '../../helpers/cli.js';

describe('loadSchema reports every problem at once', () => {
  it('collects problems of several kinds across files, sorted by file and position', async () => {
    const result = loadSchema(await readSchemaDir(path.join(ROOT, 'tests/fixtures/multi'), ROOT));
    expect(result.model).toBeUndefined();
    const brief = result.problems.map((p) => `${path.basename(p.file)}:${p.line}:${p.column} ${p.rule}`);
    expect(brief).toEqual([
      'orders.yaml:5:5 permission-role-deprecated',
      'orders.yaml:10:14 column-default-required',
      'orders.yaml:13:42 enum-element-duplicate',
      'orders.yaml:17:15 index-column-unknown',
      // An unknown field does not stop the semantic rules of that file.
      'users.yaml:2:5 table-id-duplicate',
      'users.yaml:7:11 column-size-range',
      'users.yaml:8:5 unknown-field',
    ]);
    expect(result.problems.every((p) => p.message.length > 0)).toBe(true);
  });

  it('gives every problem a kebab-case rule id', async () => {
    const result = loadSchema(await readSchemaDir(path.join(ROOT, 'tests/fixtures/multi'), ROOT));
    for (const problem of result.problems) expect(problem.rule).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
  });

  it('is pure: the same input gives the same output, and no files means a missing database', () => {
    const files = [{ path: 'schema/database.yaml', text: 'kind: database\nid: db\nname: Db\n' }];
    expect(loadSchema(files)).toEqual(loadSchema(files));
    expect(loadSchema(files).model).toEqual({ id: 'db', name: 'Db', enabled: true, tables: [], removedTables: [] });
    expect(loadSchema([]).problems.map((p) => p.rule)).toEqual(['database-file-missing']);
  });
});
