import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'crm-schema';

/**
 * The directory holding our package.json. Found by walking up rather than by a fixed `../`, because
 * this module runs from dist/ (tsc's output), from dist/bundle/ (the CLI bundle) and from src/
 * (tests), each at a different depth.
 */
function findPackageRoot(start: string): { root: string; version: string } {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') return { root: dir, version: manifest.version };
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: cannot find its own package.json above ${start}`);
  }
}

const found = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The package's root directory, where package.json and the shipped src/loader/schema.json live. */
export const PACKAGE_ROOT: string = found.root;
/** The package version, read once from package.json (one source of truth). */
export const VERSION: string = found.version;
