import path from 'node:path';
import { CrmSchemaError } from '../errors.js';
import { loadSchema, readSchemaDir } from '../loader/index.js';
import type { Database } from '../model/index.js';
import type { CliContext } from './context.js';
import { formatProblem } from './validate.js';

/** Loads schema/ into the desired Model, or fails with every problem located (as validate prints them). */
export async function loadDesired(dir: string, ctx: CliContext): Promise<Database> {
  const { model, problems } = loadSchema(await readSchemaDir(path.resolve(ctx.cwd, dir), ctx.cwd));
  if (model === undefined || problems.length > 0) {
    throw new CrmSchemaError(
      'schema_invalid',
      `the schema in ${dir} has ${problems.length} problem(s):\n${problems.map(formatProblem).join('')}`,
      { details: { problems } },
    );
  }
  return model;
}
