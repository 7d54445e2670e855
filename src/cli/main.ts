import { Command, CommanderError } from 'commander';
import { EXIT, isCrmSchemaError, type ExitCode } from '../errors.js';
import { processContext, type CliContext } from './context.js';
import { registerCommands } from './commands.js';
import { VERSION } from '../version.js';

/**
 * Parses argv, runs one command and resolves to its exit code. User errors are printed as one line
 * (or as JSON with --json); only unexpected errors show a stack.
 */
export async function main(argv: readonly string[], ctx: CliContext = processContext()): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command('crm-schema')
    .description('Manage an Appwrite database as code.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout(text),
      writeErr: (text) => ctx.stderr(text),
    });

  registerCommands(program, ctx, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportFailure(error, ctx, argv.includes('--json'));
  }
}

function reportFailure(error: unknown, ctx: CliContext, json: boolean): ExitCode {
  if (error instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    return error.exitCode === 0 ? EXIT.ok : EXIT.error;
  }
  if (isCrmSchemaError(error) && error.userError) {
    if (json) ctx.stdout(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
    else ctx.stderr(`crm-schema: ${error.message}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  // A script reading --json output must see that the run failed, even when the cause is our bug.
  if (json) ctx.stdout(`${JSON.stringify({ error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } }, null, 2)}\n`);
  ctx.stderr(`crm-schema: internal error (please report it): ${detail}\n`);
  return EXIT.error;
}
