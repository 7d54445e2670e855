import { CrmSchemaError } from '../../../src/errors.js';
import { replaySteps } from '../../../src/migrations/replay.js';
import { MemoryStore } from '../../../src/migrations/store.js';
import type { CheckpointIO, MigrationTarget, PhaseOutcome } from '../../../src/migrations/target.js';
import type { CopyColumnStep, MigrationFile, MigrationStep } from '../../../src/migrations/types.js';
import type { Database } from '../../../src/model/index.js';
import type { Operation, Precheck } from '../../../src/plan/types.js';

type DataRun = (file: MigrationFile, direction: 'up' | 'down', checkpoint: CheckpointIO) => Promise<void>;

/**
 * An in-memory MigrationTarget: operations change a model by replay, one at a time in the order the
 * phase lists them. Like the real executor, a create of something that exists, a delete of something
 * gone and a rename that already happened count as done, so a resumed phase may run its completed steps again.
 */
export class FakeTarget implements MigrationTarget {
  readonly store = new MemoryStore();
  requestCount = 0;
  /** Every operation, copy and data run, in the order they ran. */
  readonly log: string[] = [];
  /** The operation ids of each runOperations call. */
  readonly phases: string[][] = [];
  /** Operation or copy ids that fail, with how many more times they fail. */
  readonly failures = new Map<string, number>();
  readonly blocked = new Set<string>();
  data: DataRun = async () => {};
  /** Called before each runOperations call, e.g. to let another run take the lease meanwhile. */
  beforePhase: (ids: readonly string[]) => Promise<void> = async () => {};

  constructor(public model: Database | undefined = undefined) {}

  failOnce(id: string, times = 1): this {
    this.failures.set(id, times);
    return this;
  }

  #fails(id: string): boolean {
    const left = this.failures.get(id) ?? 0;
    if (left <= 0) return false;
    this.failures.set(id, left - 1);
    return true;
  }

  async runOperations(operations: readonly Operation[], _prechecks: readonly Precheck[]): Promise<PhaseOutcome> {
    this.requestCount += 1;
    this.phases.push(operations.map((op) => op.id));
    await this.beforePhase(operations.map((op) => op.id));
    const completed: string[] = [];
    for (const op of operations) {
      if (this.blocked.has(op.id)) return { kind: 'blocked', completed, message: `${op.id}: 3 rows violate it` };
      if (this.#fails(op.id)) return { kind: 'failed', completed, message: `${op.id}: injected failure`, failed: [op.id] };
      try {
        this.model = replaySteps(this.model, [op as unknown as MigrationStep], 'fake');
      } catch (error) {
        const message = (error as CrmSchemaError).message;
        const renamed = op.kind === 'rename_column' && message.includes(`${op.from} does not exist`) &&
          this.model?.tables.find((t) => t.id === op.table)?.columns.some((c) => c.key === op.to) === true;
        const idempotent = renamed || (op.kind.startsWith('create_') && message.includes('already exists')) || (op.kind.startsWith('delete_') && message.includes('does not exist'));
        if (!idempotent) return { kind: 'failed', completed, message: `${op.id}: ${message}`, failed: [op.id] };
      }
      this.log.push(op.id);
      completed.push(op.id);
    }
    return { kind: 'done', completed };
  }

  async copyColumn(step: CopyColumnStep): Promise<void> {
    this.requestCount += 1;
    if (this.#fails(step.id)) throw new Error(`${step.id}: injected failure`);
    this.log.push(step.id);
  }

  async runDataMigration(file: MigrationFile, direction: 'up' | 'down', checkpoint: CheckpointIO): Promise<void> {
    this.requestCount += 1;
    if (this.#fails(`data:${file.file}`)) throw new Error(`data:${file.file}: injected failure`);
    await this.data(file, direction, checkpoint);
    this.log.push(`data ${direction} ${file.file}`);
  }

  async liveModel(): Promise<Database | undefined> {
    return this.model;
  }
}
