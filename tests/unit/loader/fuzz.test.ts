import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema, readSchemaDir, type Problem, type SchemaFile } from '../../../src/loader/index.js';
import { ROOT, runCli } from '../../helpers/cli.js';
import { applyMutation, mutation } from './fuzz-mutations.js';

/**
 * Seeded fuzzing of the loader with mutations of the shipped schema files: whatever the input,
 * loadSchema returns (never throws) and every problem can be printed as file:line:column rule-id.
 * The seed is fixed so a failure reproduces; fast-check prints the shrunk counterexample.
 */
const SEED = 20261201;
// 800 schemas of 1-4 mutations each (about 2,000 mutations): about 2.5 s on an idle 2-core machine.
const RUNS = 800;
const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

let shipped: SchemaFile[] = [];
const database = (): SchemaFile => shipped.find((f) => f.path.endsWith('database.yaml')) as SchemaFile;

beforeAll(async () => {
  shipped = await readSchemaDir(path.join(ROOT, 'schema'), ROOT);
});

/** One file mutated, loaded with database.yaml (or, when that is the one mutated, a small table). */
const mutatedSchema = fc
  .record({ fileIndex: fc.nat(), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
  .map(({ fileIndex, mutations }) => {
    const target = shipped[fileIndex % shipped.length] as SchemaFile;
    const mutated = { path: target.path, text: mutations.reduce(applyMutation, target.text) };
    const companion = target === database() ? shipped.find((f) => f.path.endsWith('invoices.yaml')) : database();
    return { files: [companion as SchemaFile, mutated], mutations };
  });

function malformed(problem: Problem, paths: ReadonlySet<string>): string | undefined {
  if (!paths.has(problem.file)) return `file "${problem.file}" is not one of the inputs`;
  if (!Number.isInteger(problem.line) || problem.line < 1) return `line ${problem.line}`;
  if (!Number.isInteger(problem.column) || problem.column < 1) return `column ${problem.column}`;
  if (!RULE_ID.test(problem.rule)) return `rule "${problem.rule}"`;
  if (typeof problem.message !== 'string' || problem.message.trim() === '') return 'empty message';
  return undefined;
}

describe('loader fuzzing (seeded)', () => {
  it(`never throws and locates every problem, ${RUNS} mutated schemas`, { timeout: 60_000 }, () => {
    const started = performance.now();
    let mutations = 0;
    fc.assert(
      fc.property(mutatedSchema, ({ files, mutations: applied }) => {
        mutations += applied.length;
        const result = loadSchema(files);
        const paths = new Set(files.map((f) => f.path));
        for (const problem of result.problems) {
          const wrong = malformed(problem, paths);
          if (wrong !== undefined) throw new Error(`${wrong}: ${JSON.stringify(problem)}`);
        }
        if ((result.model === undefined) === (result.problems.length === 0)) throw new Error('a model and problems, or neither');
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Reported so the cost of the fuzz run stays visible (the brief: a few seconds at most).
    console.info(`loader fuzz: ${RUNS} schemas, ${mutations} mutations in ${Math.round(performance.now() - started)} ms`);
  });
});

describe('loader fuzzing through the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'crm-fuzz-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a few mutated schemas with problems: validate exits 1, one located line each, no stack', async () => {
    // The same seed picks the same samples; only invalid ones are interesting here.
    const samples = fc
      .sample(mutatedSchema, { seed: SEED, numRuns: 200 })
      .filter(({ files }) => loadSchema(files).problems.length > 0)
      .slice(0, 4);
    expect(samples).toHaveLength(4);
    for (const [i, { files }] of samples.entries()) {
      const caseDir = path.join(dir, `case-${i}`);
      mkdirSync(caseDir);
      for (const file of files) writeFileSync(path.join(caseDir, path.basename(file.path)), file.text);
      const result = await runCli(['validate', caseDir]);
      expect(result.code, result.stdout + result.stderr).toBe(1);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at |internal error/);
      expect(result.stdout).toMatch(/:\d+:\d+ {2}[a-z0-9-]+ {2}/);
    }
  });
});

