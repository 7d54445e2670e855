import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadSchema, readSchemaDir, type Problem } from '../../../src/loader/index.js';
import { ROOT } from '../../helpers/cli.js';

/**
 * Every directory under tests/fixtures/invalid/ is one broken schema plus expected.json: the rule id,
 * a stable part of the message and the exact file:line:column the problem must point at. Table files
 * are checked together with tests/fixtures/shared/database.yaml unless the case is `standalone`.
 */
interface Expected {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly message: string;
  readonly standalone?: boolean;
}

const INVALID = path.join(ROOT, 'tests/fixtures/invalid');
const SHARED_DATABASE = path.join(ROOT, 'tests/fixtures/shared');
const cases = readdirSync(INVALID, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function loadCase(name: string, expected: Expected) {
  const files = await readSchemaDir(path.join(INVALID, name), ROOT);
  const shared = expected.standalone ? [] : await readSchemaDir(SHARED_DATABASE, ROOT);
  return loadSchema([...shared, ...files]);
}

function describeProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`).join('\n');
}

describe('invalid schema fixtures', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s', async (name) => {
    const expected = JSON.parse(readFileSync(path.join(INVALID, name, 'expected.json'), 'utf8')) as Expected;
    const result = await loadCase(name, expected);
    expect(result.model).toBeUndefined();
    const file = `tests/fixtures/invalid/${name}/${expected.file}`;
    const match = result.problems.find((p) => p.rule === expected.rule && p.file === file);
    expect(match, `no ${expected.rule} in:\n${describeProblems(result.problems)}`).toBeDefined();
    expect(match?.message).toContain(expected.message);
    expect({ line: match?.line, column: match?.column }).toEqual({ line: expected.line, column: expected.column });
  });
});
