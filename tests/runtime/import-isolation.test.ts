import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * `crm-schema/runtime` is imported by application code: it may load node-appwrite (and its own
 * dependencies) and the generated code, nothing of the tool (SQLite, the HTTP server, the YAML
 * parser, the loader, the CLI). Checked on the built package, through its export, in a fresh Node.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'crm-runtime-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function importsOf(specifier: string): string[] {
  const file = path.join(dir, `${Math.random()}.txt`);
  execFileSync(process.execPath, ['--import', pathToFileURL(path.join(ROOT, 'tests/runtime/fixtures/register-recorder.mjs')).href, '--input-type=module', '-e', `await import(${JSON.stringify(specifier)});`], {
    cwd: ROOT,
    env: { ...process.env, RECORD_IMPORTS_FILE: file },
  });
  return readFileSync(file, 'utf8').trim().split('\n');
}

describe('importing crm-schema/runtime', () => {
  it('loads node-appwrite and the runtime/generated code only', () => {
    const urls = importsOf('crm-schema/runtime');
    const files = urls.filter((url) => url.startsWith('file:')).map((url) => path.relative(ROOT, new URL(url).pathname));
    const ours = files.filter((file) => !file.includes('node_modules'));
    const packages = new Set(files.filter((file) => file.includes('node_modules')).map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1]));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.filter((file) => !/^dist\/(runtime|generated)\//.test(file))).toEqual([]);
    expect([...packages].sort()).toEqual(['json-bigint', 'node-appwrite', 'undici'].filter((name) => packages.has(name)));
    expect(packages.has('node-appwrite')).toBe(true);
    for (const forbidden of ['better-sqlite3', 'fastify', 'yaml', 'ajv', 'commander', 'kleur']) expect(packages.has(forbidden)).toBe(false);
  });

  it('the check itself sees a forbidden import (the main entry loads the YAML loader)', () => {
    const urls = importsOf('crm-schema');
    expect(urls.some((url) => url.includes('/node_modules/yaml/'))).toBe(true);
  });
});
