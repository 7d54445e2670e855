import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './cli.js';

const run = promisify(execFile);
const APPWRITE = path.join(ROOT, 'node_modules/.bin/appwrite');

/**
 * Runs the real appwrite-cli 12 non-interactively (CI=true, no colour) with its own HOME, so the
 * user's global CLI config is never read or written.
 *
 * appwrite-cli looks for appwrite.config.json in its working directory and then in every parent,
 * and adopts the first one it finds: a stray config anywhere above the temp directory would
 * receive the pull, or be pushed instead of ours. It has no flag naming its config file, so every
 * working directory gets a config of its own (a stub naming the project and endpoint) before the
 * CLI first runs there, and the search stops at it.
 */
export interface AppwriteCli {
  /** Runs `appwrite <args>` in `dir`; resolves to stdout + stderr, rejects on a non-zero exit. */
  run(dir: string, args: readonly string[]): Promise<string>;
  /** Points the CLI (run in `dir`) at the server: `appwrite client --endpoint ... --key ...`. */
  login(dir: string): Promise<void>;
}

export function appwriteCli(home: string, server: { endpoint: string; projectId: string; apiKey: string }): AppwriteCli {
  mkdirSync(home, { recursive: true });
  const env = { PATH: process.env['PATH'] ?? '', HOME: home, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
  const runIn = async (dir: string, args: readonly string[]): Promise<string> => {
    const config = path.join(dir, 'appwrite.config.json');
    if (!existsSync(config)) {
      writeFileSync(config, `${JSON.stringify({ projectId: server.projectId, endpoint: server.endpoint }, null, 4)}\n`);
    }
    try {
      const { stdout, stderr } = await run(APPWRITE, [...args], { cwd: dir, env, timeout: 90_000 });
      return stdout + stderr;
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`appwrite ${args.join(' ')} failed: ${String(error)}\n${stdout ?? ''}\n${stderr ?? ''}`);
    }
  };
  return {
    run: runIn,
    login: async (dir) => {
      await runIn(dir, ['client', '--endpoint', server.endpoint, '--project-id', server.projectId, '--key', server.apiKey]);
    },
  };
}
