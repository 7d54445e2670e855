import type { Command } from 'commander';
import type { TargetFlags } from '../appwrite/target.js';
import { numericOption, RANGES } from './numeric-options.js';

/** The flags every command that talks to Appwrite shares. The key itself is never a flag. */
export function addTargetOptions(command: Command): Command {
  return command
    .option('--endpoint <url>', 'Appwrite endpoint, e.g. https://cloud.appwrite.io/v1 (env APPWRITE_ENDPOINT)')
    .option('--project <id>', 'Appwrite project ID (env APPWRITE_PROJECT_ID)')
    .option('--api-key-file <file>', 'read the API key from this file (env APPWRITE_API_KEY)')
    .option('--local', `use the embedded local server on .crm-schema/local.sqlite`)
    .option('--schema <dir>', 'schema directory', 'schema')
    .addOption(numericOption('--timeout <seconds>', 'give up waiting for Appwrite after this long', RANGES.timeoutSeconds, 600));
}

export interface TargetCommandOptions extends TargetFlags {
  readonly schema: string;
  readonly timeout: number;
}
