import { readFile, writeFile } from 'node:fs/promises';
import { CrmSchemaError } from '../errors.js';
import type { Plan } from '../plan/index.js';
import { PLAN_FORMAT_VERSION, renderJson } from '../render/index.js';

/** Saves a plan in the documented JSON format, so `apply plan.json` runs exactly what was reviewed. */
export async function writePlanFile(file: string, plan: Plan): Promise<void> {
  await writeFile(file, renderJson(plan), 'utf8');
}

export async function readPlanFile(file: string): Promise<Plan> {
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CrmSchemaError('io', `cannot read the plan file ${file}: ${reason}`);
  }
  if (document.formatVersion !== PLAN_FORMAT_VERSION) {
    throw new CrmSchemaError(
      'usage',
      `${file} is not a crm-schema plan (formatVersion ${String(document.formatVersion)}, expected ${PLAN_FORMAT_VERSION}); ` +
        'create one with `crm-schema plan --out FILE`',
    );
  }
  const { database, operations, prechecks, fingerprint, summary } = document;
  if (typeof database !== 'string' || !Array.isArray(operations) || !Array.isArray(prechecks) || typeof fingerprint !== 'object') {
    throw new CrmSchemaError('usage', `${file} is not a complete crm-schema plan`);
  }
  return { version: 1, database, operations, prechecks, fingerprint, summary } as Plan;
}
