/**
 * Command definitions are loaded for every CLI invocation (`--help`, `--version`, `local`), so they
 * may import at run time only what costs nothing: an implementation module, with its ajv, yaml,
 * node-appwrite or Fastify, must be imported dynamically by the action that needs it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = fileURLToPath(new URL('../../../src/cli/definitions/', import.meta.url));
const LIGHT = new Set(['commander', '../target-options.js', '../numeric-options.js', '../../local/defaults.js']);

/** Static, value-carrying imports and re-exports (`import type` / `export type` are erased and cost nothing). */
function valueImports(source: string): string[] {
  const fromClauses = [...source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)];
  const sideEffects = [...source.matchAll(/^import\s+'([^']+)';/gm)];
  return [...fromClauses, ...sideEffects].map((match) => match[1]!);
}

describe('command definitions load nothing heavy', () => {
  const files = readdirSync(DIR).filter((name) => name.endsWith('.ts'));

  it('cover every command', () => {
    expect(files.sort()).toEqual(['apply.ts', 'diff.ts', 'export.ts', 'local.ts', 'migrate.ts', 'plan.ts', 'pull.ts', 'push.ts', 'seed.ts', 'types.ts', 'validate.ts']);
  });

  it.each(files)('%s imports only commander and constants at load time, and its implementation on demand', (file) => {
    const source = readFileSync(path.join(DIR, file), 'utf8');
    expect(valueImports(source).filter((specifier) => !LIGHT.has(specifier))).toEqual([]);
    // A command with subcommands (migrate) loads one implementation file per subcommand from its folder.
    const implementation = file === 'migrate.ts' ? "await import('../migrate/" : `await import('../${file.replace(/\.ts$/, '.js')}')`;
    expect(source).toContain(implementation);
  });

  it('the check sees a value import when there is one', () => {
    const source = "import { a } from 'x';\nimport type { B } from 'y';\nimport {\n  c,\n} from 'z';\nexport { d } from 'w';\nexport type { E } from 'v';\nimport 'u';";
    expect(valueImports(source)).toEqual(['x', 'z', 'w', 'u']);
  });
});
