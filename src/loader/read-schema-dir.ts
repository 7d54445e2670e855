/** The IO edge of the loader: reads every *.yaml / *.yml file of a schema directory, sorted by name. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CrmSchemaError } from '../errors.js';
import type { SchemaFile } from './load-schema.js';

/**
 * `displayBase` (default: the current directory) is what file paths are made relative to, so that
 * problems print as `schema/customers.yaml:12:5`.
 */
export async function readSchemaDir(dir: string, displayBase: string = process.cwd()): Promise<SchemaFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a directory' : `cannot be read (${code ?? 'unknown'})`;
    const shown = path.relative(displayBase, path.resolve(dir)) || '.';
    throw new CrmSchemaError('io', `schema directory ${shown} ${reason}`, { details: { dir: shown }, cause: error });
  }
  const yamlNames = names.filter((name) => /\.ya?ml$/i.test(name)).sort();
  return Promise.all(
    yamlNames.map(async (name) => {
      const full = path.join(dir, name);
      const shown = path.relative(displayBase, path.resolve(full)) || name;
      return { path: shown.split(path.sep).join('/'), text: await readFile(full, 'utf8') };
    }),
  );
}
