import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../src/cli/context.js';
import { main } from '../../../src/cli/main.js';

/** The help a command prints, in-process (help ends through commander's exit override, code 0). */
async function help(command: string): Promise<string> {
  let out = '';
  const ctx: CliContext = { stdout: (t) => (out += t), stderr: (t) => (out += t), color: false, interactive: false, env: {}, cwd: process.cwd() };
  expect(await main(['node', 'crm-schema', command, '--help'], ctx)).toBe(0);
  return out.replace(/\s+/g, ' ');
}

describe('help text agrees with what the commands do', () => {
  it('diff suggests a snapshot only together with the command that writes one', async () => {
    const text = await help('diff');
    expect(text).not.toContain('live-snapshot.json');
    expect(text).toContain('crm-schema pull --snapshot live.json && crm-schema diff --from live.json');
  });

  it('pull offers --snapshot', async () => {
    expect(await help('pull')).toContain('--snapshot <file.json>');
  });

  it('types says --check needs --out', async () => {
    expect(await help('types')).toContain('--check with --out:');
  });

  it('local --api-key says it is a throw-away key for the local server only', async () => {
    expect(await help('local')).toMatch(/--api-key <key> API key this local server accepts: a throw-away key, never a real Appwrite key/);
  });
});
