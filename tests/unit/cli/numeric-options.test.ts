import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { CliContext } from '../../../src/cli/context.js';
import { Command } from 'commander';
import { registerCommands } from '../../../src/cli/commands.js';
import { isNumericOption, parseNumber, RANGES } from '../../../src/cli/numeric-options.js';

/** Runs main() in-process; a usage error ends before any command runs, so nothing is started. */
async function run(args: readonly string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    color: false,
    interactive: false,
    env: { CI: 'true' },
    cwd: process.cwd(),
  };
  const code = await main(['node', 'crm-schema', ...args], ctx);
  return { code, stdout, stderr };
}

describe('numeric option parsing', () => {
  it.each([
    ['8', RANGES.concurrency, 8],
    [' 16 ', RANGES.concurrency, 16],
    ['2', RANGES.timeoutSeconds, 2],
    ['0.5', RANGES.timeoutSeconds, 0.5],
    ['0', RANGES.port, 0],
    ['65535', RANGES.port, 65535],
    ['1', RANGES.rate, 1],
    ['4294967295', RANGES.seed, 4294967295],
  ])('accepts %j', (value, range, expected) => {
    expect(parseNumber(value, range)).toBe(expected);
  });

  it.each([
    ['abc', RANGES.concurrency],
    ['', RANGES.concurrency],
    ['0', RANGES.concurrency],
    ['-3', RANGES.concurrency],
    ['2.5', RANGES.concurrency],
    ['0x10', RANGES.concurrency],
    ['1e3', RANGES.timeoutSeconds],
    ['0', RANGES.timeoutSeconds],
    ['-5', RANGES.timeoutSeconds],
    ['Infinity', RANGES.timeoutSeconds],
    ['99999', RANGES.port],
    ['1.5', RANGES.rate],
    ['-1', RANGES.seed],
  ])('rejects %j', (value, range) => {
    expect(() => parseNumber(value, range)).toThrow(/^expected (an integer|a number) /);
  });
});

describe('every numeric option of every command is a usage error when bad (exit 1, nothing run)', () => {
  it.each([
    ['apply', '--local', '--concurrency', 'abc'],
    ['apply', '--local', '--concurrency', '0'],
    ['apply', '--local', '--concurrency', '-3'],
    ['apply', '--local', '--timeout', 'abc'],
    ['apply', '--local', '--timeout', '-5'],
    ['plan', '--local', '--timeout', '0'],
    ['pull', '--local', '--timeout', 'x'],
    ['local', '--port', '99999'],
    ['local', '--port', '-1'],
    ['local', '--worker-delay', 'slow'],
    ['local', '--latency', '-1'],
    ['local', '--fail-rate', '2'],
    ['local', '--fail-seed', '1.5'],
  ])('%s %s %s %s', async (...args) => {
    const result = await run(args);
    expect(result.code).toBe(1);
    const flag = args.at(-2) as string;
    expect(result.stderr).toMatch(new RegExp(`^error: option '${flag} <[a-z]+>' argument '${args.at(-1)}' is invalid\\. expected `, 'm'));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

describe('no command parses a number on its own', () => {
  it('every option whose value names a number or a unit is made by numericOption', () => {
    const program = new Command('crm-schema');
    const ctx = { stdout: () => {}, stderr: () => {}, color: false, interactive: false, env: {}, cwd: process.cwd() };
    registerCommands(program, ctx, () => {});
    const numeric = /<(n|count|seconds|ms|port|rate|size)>/;
    const found = program.commands.flatMap((command) =>
      command.options.filter((option) => numeric.test(option.flags)).map((option) => ({ name: `${command.name()} ${option.flags}`, ours: isNumericOption(option) })),
    );
    expect(found.length).toBeGreaterThanOrEqual(8);
    expect(found.filter((option) => !option.ours).map((option) => option.name)).toEqual([]);
  });
});
