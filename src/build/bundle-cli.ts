import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../version.js';

/**
 * Bundles the CLI (tsc's dist/cli/main.js and everything it imports, dependencies included) into
 * dist/bundle/, which bin/crm-schema.js runs. Node's ESM loader resolves, stats, reads and links
 * every file on its own: unbundled, a short command such as `apply --local` with nothing pending
 * spent about 0.2 s of its 0.9 s there. Commands stay lazily loaded (each dynamic import becomes a
 * chunk). better-sqlite3 (a native addon) and esbuild (it runs its own binary to load .ts data
 * migrations) stay external. The library entry points (`crm-schema`, `/local`, `/runtime`) are
 * not bundled: applications import tsc's output and bundle it their own way.
 */
const outdir = path.join(PACKAGE_ROOT, 'dist/bundle');
// Chunk names carry a content hash: without this, every build would leave the last one's behind.
rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: { 'crm-schema': path.join(PACKAGE_ROOT, 'dist/cli/main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'esbuild'],
  // The CommonJS dependencies (commander, yaml, ajv, fastify…) call require() for Node built-ins;
  // an ES module has no require of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
