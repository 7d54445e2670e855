import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';

describe('crm-schema binary', () => {
  it('prints help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: crm-schema');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('rejects an unknown command with exit 1 and no stack trace', async () => {
    const result = await runCli(['no-such-command']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: /m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('package entry points', () => {
  type Exports = Record<string, string | { types: string; import: string }>;
  const { exports } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { exports: Exports };

  it.each(Object.entries(exports))('%s resolves to built files that load', async (_entry, target) => {
    const files = typeof target === 'string' ? [target] : [target.types, target.import];
    for (const file of files) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
    if (typeof target !== 'string') await expect(import(pathToFileURL(path.join(ROOT, target.import)).href)).resolves.toBeTypeOf('object');
  });
});
