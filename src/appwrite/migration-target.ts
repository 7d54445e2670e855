import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CrmSchemaError } from '../errors.js';
import type { Database } from '../model/index.js';
import { convertValue } from '../migrations/conversions.js';
import type { CheckpointIO, MigrationTarget, PhaseOutcome } from '../migrations/target.js';
import type { CopyColumnStep, MigrationFile } from '../migrations/types.js';
import { blockedOperations } from '../plan/gates.js';
import { summarize } from '../diff/index.js';
import { fingerprintModel, type Operation, type Plan, type Precheck } from '../plan/index.js';
import { createDataContext, type DataMigrationContext, type ProgressSink } from './data-context.js';
import { executePlan, type ExecutionEvent } from './execute.js';
import type { Gateway } from './gateway.js';
import { AppwriteMigrationStore } from './migration-store.js';
import { withPrecheckResults } from './prechecks.js';

export interface TargetHooks {
  readonly onEvent?: (event: ExecutionEvent) => void;
  readonly log: (message: string) => void;
  readonly progress: ProgressSink;
  /** Reads the live database once nothing is in flight (the CLI's settled introspection). */
  readonly liveModel: () => Promise<Database | undefined>;
  /** migrations/, where data migration modules are loaded from. */
  readonly migrationsDir: string;
}

interface DataMigrationModule {
  up?: (ctx: DataMigrationContext) => Promise<void> | void;
  down?: (ctx: DataMigrationContext) => Promise<void> | void;
}

/** The runner's view of an Appwrite database: the same engine `push` drives, one phase at a time. */
export function appwriteMigrationTarget(gateway: Gateway, hooks: TargetHooks): MigrationTarget {
  // Stripped TypeScript by file, started ahead of the migration's turn (prepareDataMigration).
  const stripped = new Map<string, Promise<string>>();
  const strippedCode = (file: string): Promise<string> => {
    let code = stripped.get(file);
    if (code === undefined) {
      code = stripTypes(file);
      code.catch(() => undefined); // reported when the migration runs, not as an unhandled rejection now
      stripped.set(file, code);
    }
    return code;
  };
  return {
    store: new AppwriteMigrationStore(gateway),
    get requestCount() {
      return gateway.requestCount;
    },
    liveModel: hooks.liveModel,

    async runOperations(operations: readonly Operation[], prechecks: readonly Precheck[]): Promise<PhaseOutcome> {
      const plan = await withPrecheckResults(gateway, phasePlan(gateway.databaseId, operations, prechecks));
      // Destructive steps were approved per migration (acknowledged, --allow-destructive); only data decides here.
      const blocked = blockedOperations(plan, { destructive: true });
      if (blocked.length > 0) {
        return { kind: 'blocked', completed: [], message: blocked.map((b) => `${b.operation.summary}: ${b.reason}`).join('; ') };
      }
      const report = await executePlan(gateway, plan, { ...(hooks.onEvent ? { onEvent: hooks.onEvent } : {}) });
      const completed = report.completed.map((c) => c.id);
      const [first] = report.failed;
      return first === undefined ? { kind: 'done', completed } : { kind: 'failed', completed, message: `${first.id}: ${first.message}`, failed: report.failed.map((f) => f.id) };
    },

    async copyColumn(step: CopyColumnStep): Promise<void> {
      if (step.conversion === 'custom') throw new CrmSchemaError('schema_invalid', `${step.id}: a custom conversion runs in a data migration, not a copy step`);
      const conversion = step.conversion;
      // Nothing is checkpointed: a copy writes the same values however often it runs.
      const ctx = createDataContext(gateway, { initial: null, save: async () => {} }, hooks.log, hooks.progress);
      await ctx.updateEach(step.table, (row) => ({ [step.to]: convertValue(conversion, (row as Record<string, unknown>)[step.from]) }), {
        label: `${step.table}.${step.from} → ${step.to}`,
      });
    },

    prepareDataMigration(file: MigrationFile): void {
      if (file.file.endsWith('.ts')) void strippedCode(path.join(hooks.migrationsDir, file.file));
    },

    async runDataMigration(file: MigrationFile, direction: 'up' | 'down', checkpoint: CheckpointIO): Promise<void> {
      const module = await loadDataMigration(path.join(hooks.migrationsDir, file.file), strippedCode);
      const run = module[direction];
      if (typeof run !== 'function') {
        throw new CrmSchemaError('schema_invalid', `migrations/${file.file} exports no ${direction}(ctx) function`);
      }
      await run(createDataContext(gateway, checkpoint, hooks.log, hooks.progress));
    },
  };
}

function phasePlan(database: string, operations: readonly Operation[], prechecks: readonly Precheck[]): Plan {
  const none = fingerprintModel(undefined);
  return { version: 1, database, operations, prechecks, fingerprint: { actual: none, desired: none }, summary: summarize(operations) };
}

/**
 * `.js` imports as is. `.ts` is stripped of its types by esbuild (about 0.13 s, where tsx's loader
 * took 0.7 s) into a short-lived module beside the source, so that its relative and package imports
 * resolve exactly as they would from the .ts file; data migrations need no build step.
 */
async function loadDataMigration(file: string, strippedCode: (file: string) => Promise<string>): Promise<DataMigrationModule> {
  let compiled: string | undefined;
  try {
    if (!file.endsWith('.ts')) return (await import(pathToFileURL(file).href)) as DataMigrationModule;
    const code = await strippedCode(file);
    compiled = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.mjs`);
    await writeFile(compiled, code);
    return (await import(pathToFileURL(compiled).href)) as DataMigrationModule;
  } catch (error) {
    throw new CrmSchemaError('schema_invalid', `cannot load ${path.basename(file)}: ${(error as Error).message}`, { cause: error });
  } finally {
    if (compiled !== undefined) await rm(compiled, { force: true });
  }
}

async function stripTypes(file: string): Promise<string> {
  const { transform } = await import('esbuild');
  const { code } = await transform(await readFile(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: path.basename(file) });
  return code;
}
