#!/usr/bin/env node
// The only place that calls process.exit: everything below returns an exit code or throws.
import { setFlagsFromString } from 'node:v8';

// node-appwrite speaks HTTP through undici, whose parser is WebAssembly. V8 recompiles its hot
// functions with TurboFan on a background thread, and Node waits for that job before the process
// can exit: about 130 ms added to every short command. Liftoff's baseline code parses headers fast
// enough for a CLI (seeding 20,000 customers took as long either way). Set before anything loads undici.
setFlagsFromString('--liftoff-only');

// dist/bundle is the CLI bundled by `npm run build` (src/build/bundle-cli.ts): one file to load
// instead of hundreds.
const { main } = await import('../dist/bundle/crm-schema.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // main() already reports user errors; this is the last resort for bugs.
    process.stderr.write(`crm-schema: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
