import type { ExitCode } from '../errors.js';
import { isCi } from '../ci.js';

/** What every command needs from the outside world; tests can substitute the streams. */
export interface CliContext {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Colours on: a TTY and NO_COLOR unset. */
  readonly color: boolean;
  /** Live progress allowed: stderr is a TTY and not in CI. */
  readonly interactive: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function processContext(): CliContext {
  const env = process.env;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: Boolean(process.stdout.isTTY) && !noColor,
    interactive: Boolean(process.stderr.isTTY) && !isCi(env),
    env,
    cwd: process.cwd(),
  };
}

/** A command action: resolves to the process exit code, throws CrmSchemaError for user errors. */
export type CommandRun<A extends unknown[]> = (...args: A) => Promise<ExitCode>;
