/**
 * The loader's shape check runs ajv's standalone code for src/loader/schema.json, generated ahead of
 * time: compiling the JSON Schema at start-up cost every command about 0.25 s. This test regenerates
 * the module and fails when the committed one is stale; `npx vitest run -u tests/unit/loader/shape-validator.test.ts`
 * rewrites it after a change of schema.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';
import { checkShape } from '../../../src/loader/shape.js';

const SCHEMA = path.join(ROOT, 'src/loader/schema.json');
const GENERATED = path.join(ROOT, 'src/generated/schema-shape.ts');

function generate(): string {
  // The options the loader always used: every error, with data and parent schema for the messages;
  // strict off because `default` and `description` inside if/then are editor hints, not keywords.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, code: { source: true, esm: true } });
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  // The CommonJS module's default export arrives as a property under ESM interop.
  const generateCode = (standalone as unknown as { default: (ajv: Ajv, validate: unknown) => string }).default;
  // Standalone code `require`s ajv's runtime helpers (deep equality, for instance): as imports here,
  // since the module is ESM.
  const helpers = new Set<string>();
  const code = generateCode(ajv, validate).replace(/require\("ajv\/dist\/runtime\/(\w+)"\)/g, (_match, name: string) => {
    helpers.add(name);
    return `ajvRuntime_${name}`;
  });
  // ajv's helpers are CommonJS with `exports.default`; Node hands ESM the whole exports object, other
  // loaders (vitest's) the default itself: accept both.
  const imports = [...helpers].sort().map((name) =>
    `import * as ajvRuntime_${name}_module from 'ajv/dist/runtime/${name}.js';\n` +
    `const ajvRuntime_${name}_export = ajvRuntime_${name}_module.default;\n` +
    `const ajvRuntime_${name} = { default: typeof ajvRuntime_${name}_export === 'function' ? ajvRuntime_${name}_export : ajvRuntime_${name}_export.default };\n`).join('');
  return `// Generated from src/loader/schema.json by ajv's standalone code (see tests/unit/loader/shape-validator.test.ts); do not edit.\n// @ts-nocheck\n${imports}${code.replace('"use strict";', '')}\n`;
}

describe('the precompiled shape validator', () => {
  it('is what ajv generates from schema.json today', async () => {
    await expect(generate()).toMatchFileSnapshot(GENERATED);
  });

  it('loads nothing at run time but ajv\'s small runtime helpers: no compiler, no require', () => {
    const generated = readFileSync(GENERATED, 'utf8');
    expect(generated).not.toMatch(/\brequire\(/);
    for (const [, from] of generated.matchAll(/^import .* from '([^']+)';$/gm)) expect(from).toMatch(/^ajv\/dist\/runtime\/\w+\.js$/);
    // enum and const keywords compare with the deep-equal helper: it must be callable under this loader too.
    expect(checkShape({ kind: 'table', id: 't', name: 'T', columns: [{ key: 'a', type: 'nonsense' }] }).problems.length).toBeGreaterThan(0);
  });

  it('still reports located shape problems', () => {
    const result = checkShape({ kind: 'table', id: 't', name: 'T', columns: [{ key: 'a', type: 'varchar', size: 5, colour: 'red' }] });
    expect(result.problems).toContainEqual(expect.objectContaining({ rule: 'unknown-field', path: ['columns', 0, 'colour'] }));
    expect(checkShape({ kind: 'nonsense' }).usable).toBe(false);
  });
});
