#!/usr/bin/env node
// The only place that calls process.exit: everything below returns an exit code or throws.
import { main } from '../dist/cli/main.js';

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
