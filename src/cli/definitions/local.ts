import type { Command } from 'commander';
import { numericOption, RANGES } from '../numeric-options.js';
import type { SetExitCode } from '../commands.js';
import type { CliContext } from '../context.js';
import type { LocalFlags } from '../local.js';
import { DEFAULT_PROJECT_ID } from '../../local/defaults.js';

/** `crm-schema local`: the embedded Appwrite-compatible server. */
export function register(program: Command, ctx: CliContext, setExitCode: SetExitCode): void {
  program
    .command('local')
    .description('Run a local Appwrite-compatible server (databases API over SQLite) for node-appwrite.')
    .addOption(numericOption('--port <port>', 'TCP port on 127.0.0.1 (0 = any free port)', RANGES.port, 8080))
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--data <file>', 'SQLite data file; data persists across restarts', '.crm-schema/local.sqlite')
    .option('--memory', 'keep everything in memory (nothing is written to disk)')
    .option('--project <id>', 'project ID the server answers to', DEFAULT_PROJECT_ID)
    .option('--api-key <key>', 'API key this local server accepts: a throw-away key, never a real Appwrite key (a flag shows in process listings; default: generated once, kept in the data file)')
    .addOption(numericOption('--worker-delay <ms>', 'delay before each async column/index job', RANGES.delayMs, 0))
    .addOption(numericOption('--latency <ms>', 'delay added to every request', RANGES.delayMs, 0))
    .addOption(numericOption('--fail-rate <rate>', 'share of requests (0..1) answered with an injected 500/503/429 or a dropped connection', RANGES.rate, 0))
    .addOption(numericOption('--fail-seed <n>', 'seed of the fault sequence (same seed + same requests = same faults; default random)', RANGES.seed))
    .option('--rate-limits', "enforce Appwrite's abuse limits on row writes for non-key callers (120/min, deletes 60/min)")
    .addHelpText('after', '\nExample:\n  crm-schema local --port 8080 --data .crm-schema/local.sqlite\n  crm-schema local --memory --api-key secret\n  crm-schema local --memory --latency 25 --worker-delay 200 --fail-rate 0.1 --fail-seed 7')
    .action(async (flags: LocalFlags) => setExitCode(await (await import('../local.js')).runLocal(flags, ctx)));
}
