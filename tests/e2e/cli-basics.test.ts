import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
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
