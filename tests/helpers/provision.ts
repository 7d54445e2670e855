import path from 'node:path';
import { Gateway } from '../../src/appwrite/gateway.js';
import { executePlan } from '../../src/appwrite/execute.js';
import { planAgainstLive } from '../../src/cli/planning.js';
import { loadSchema, readSchemaDir } from '../../src/loader/index.js';
import { ROOT } from './cli.js';

/**
 * The ONE place tests provision the shipped schema/ on a server. Today it runs the declarative engine
 * in-process (what `crm-schema apply` runs); when versioned migrations land, switch this function to
 * the migration runner and every runtime test follows.
 */
export async function provisionSchema(target: { endpoint: string; projectId: string; apiKey: string }): Promise<void> {
  const { model, problems } = loadSchema(await readSchemaDir(path.join(ROOT, 'schema'), ROOT));
  if (model === undefined || problems.length > 0) throw new Error(`schema/ is invalid: ${JSON.stringify(problems)}`);
  const gateway = new Gateway(target, model.id);
  const { plan } = await planAgainstLive(gateway, model, 60_000);
  const report = await executePlan(gateway, plan, {});
  if (report.failed.length > 0) throw new Error(`provisioning failed: ${JSON.stringify(report.failed)}`);
}
