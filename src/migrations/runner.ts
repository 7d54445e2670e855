import { CrmSchemaError, EXIT } from '../errors.js';
import { diff } from '../diff/index.js';
import type { Database } from '../model/index.js';
import type { Plan } from '../plan/types.js';
import type { Catalog, Migration } from './catalog.js';
import { gatesFor } from './gates.js';
import { Lease, type LeaseOptions } from './lease.js';
import { inverseOf, splitPhases } from './phases.js';
import type { MigrationTarget } from './target.js';
import type { HistoryEntry, HistoryStatus, OperationStep } from './types.js';
import { orderOperations } from '../diff/order.js';
import { versionLabel } from './source.js';

export type OutcomeStatus = 'applied' | 'failed' | 'rolled_back' | 'blocked';

export interface MigrationOutcome {
  readonly version: number;
  readonly file: string;
  readonly status: OutcomeStatus;
  readonly ms: number;
  readonly error?: string;
}

export interface RunReport {
  /** Migrations this run attempted, in order; ones already applied are not listed. */
  readonly outcomes: readonly MigrationOutcome[];
  /** Applied before this run started. */
  readonly alreadyApplied: number;
  /** The live database's difference from schema/ after the run (drift), when every migration ran. */
  readonly drift: Plan | undefined;
}

export interface RunnerEvent {
  readonly type: 'waiting_for_lock' | 'migration_start' | 'migration_done' | 'phase' | 'rollback';
  readonly text: string;
}

export interface RunOptions {
  readonly rollback: boolean;
  readonly allowDestructive: boolean;
  readonly lease: LeaseOptions;
  readonly toolVersion: string;
  readonly appliedBy: string;
  readonly onEvent?: (event: RunnerEvent) => void;
}

/** Applied history entries that no longer match a file: refused before anything runs. */
export function checkHistory(catalog: Catalog, history: readonly HistoryEntry[]): void {
  const byVersion = new Map(catalog.migrations.map((m) => [m.file.version, m]));
  for (const entry of history) {
    if (entry.status !== 'applied') continue;
    const migration = byVersion.get(entry.version);
    if (migration === undefined) {
      throw new CrmSchemaError(
        'schema_invalid',
        `migration ${versionLabel(entry.version)}_${entry.name} is recorded as applied on the server but its file is gone from migrations/; ` +
          'restore it from version control (an applied migration is never deleted or renumbered)',
        { details: { rule: 'migration-missing', version: entry.version } },
      );
    }
    if (migration.file.checksum !== entry.checksum) {
      throw new CrmSchemaError(
        'schema_invalid',
        `migrations/${migration.file.file} changed after it was applied (checksum ${migration.file.checksum.slice(0, 19)}… on disk, ` +
          `${entry.checksum.slice(0, 19)}… applied); revert the edit and write the change as a new migration (\`crm-schema migrate new\`)`,
        { details: { rule: 'migration-modified', version: entry.version } },
      );
    }
  }
}

/**
 * A pending migration older than an applied one (a branch merged after a newer migration ran) would
 * run out of the order that the offline replay checked: refused before anything runs.
 */
export function checkOrder(catalog: Catalog, history: readonly HistoryEntry[]): void {
  const applied = new Set(history.filter((e) => e.status === 'applied').map((e) => e.version));
  const newest = [...catalog.migrations].reverse().find((m) => applied.has(m.file.version));
  const early = catalog.migrations.find((m) => newest !== undefined && m.file.version < newest.file.version && !applied.has(m.file.version));
  if (early === undefined || newest === undefined) return;
  throw new CrmSchemaError(
    'schema_invalid',
    `migrations/${early.file.file} is pending but ${newest.file.file}, which comes after it, is already applied here; ` +
      'migrations run in file order: renumber it after the last applied migration and run `crm-schema migrate hash`',
    { details: { rule: 'migration-out-of-order', version: early.file.version, applied: newest.file.version } },
  );
}

export function pendingOf(catalog: Catalog, history: readonly HistoryEntry[]): Migration[] {
  const applied = new Set(history.filter((e) => e.status === 'applied').map((e) => e.version));
  return catalog.migrations.filter((m) => !applied.has(m.file.version));
}

/**
 * `apply`: runs the pending migrations in order under the lease, recording each in the history, then
 * reports how the live database differs from schema/. The fixed order: read history (no lock: a run
 * with nothing pending costs one request here), check, ensure the store, take the lease, read the
 * history again (another run may have applied some meanwhile), run, release.
 */
export async function applyMigrations(catalog: Catalog, desired: Database, target: MigrationTarget, options: RunOptions): Promise<RunReport> {
  const initial = (await target.store.readHistory()) ?? [];
  checkHistory(catalog, initial);
  checkOrder(catalog, initial);
  let pending = pendingOf(catalog, initial);
  const alreadyApplied = catalog.migrations.length - pending.length;
  if (pending.length === 0) return { outcomes: [], alreadyApplied, drift: await driftOf(target, desired) };
  refuseGated(pending, options.allowDestructive);
  for (const migration of pending) if (migration.schema === undefined) target.prepareDataMigration?.(migration.file);

  await target.store.ensure({ id: desired.id, name: desired.name, enabled: desired.enabled });
  // Read again under the lease (another run may have applied some meanwhile), overlapping the read
  // that confirms the lease: one round trip instead of two.
  let historyRead: Promise<HistoryEntry[] | undefined> | undefined;
  const lease = await Lease.acquire(target.store, {
    ...options.lease,
    onWait: (holder) => options.onEvent?.({ type: 'waiting_for_lock', text: `waiting for the migration lock held by ${holder.owner} (expires ${holder.expiresAt})` }),
    onCreated: () => {
      historyRead = target.store.readHistory();
      historyRead.catch(() => undefined); // awaited below unless a later create replaces it
    },
  });
  const outcomes: MigrationOutcome[] = [];
  // The last migration's final history write, still in flight while the next one records its start.
  let recorded: Promise<void> = Promise.resolve();
  try {
    const history = (await (historyRead ?? target.store.readHistory())) ?? [];
    checkHistory(catalog, history);
    checkOrder(catalog, history);
    pending = pendingOf(catalog, history);
    for (const migration of pending) {
      lease.assertHeld();
      options.onEvent?.({ type: 'migration_start', text: `migration ${migration.file.file}` });
      const previous = history.find((entry) => entry.version === migration.file.version);
      const run = await runMigration(migration, previous, target, lease, options, recorded);
      recorded = run.recorded;
      const outcome = run.outcome;
      outcomes.push(outcome);
      options.onEvent?.({ type: 'migration_done', text: `${outcome.status} ${migration.file.file} in ${outcome.ms} ms${outcome.error ? `: ${outcome.error}` : ''}` });
      if (outcome.status !== 'applied') break;
    }
    // Landed before the lease goes: the next holder must not find this run's last migration `running`.
    await recorded;
  } catch (error) {
    await recorded.catch(() => undefined);
    await lease.release();
    throw error;
  }
  // The drift check reads only: it need not hold the lease, so releasing overlaps it (one round trip less).
  const releasing = lease.release();
  try {
    const allApplied = outcomes.every((o) => o.status === 'applied');
    return { outcomes, alreadyApplied: catalog.migrations.length - pending.length, drift: allApplied ? await driftOf(target, desired) : undefined };
  } finally {
    await releasing;
  }
}

function refuseGated(pending: readonly Migration[], allowDestructive: boolean): void {
  const gates = pending.flatMap((m) => gatesFor(m, { allowDestructive }));
  if (gates.length === 0) return;
  throw new CrmSchemaError(
    'blocked',
    `pending migrations may not run as they are; nothing was changed:\n${gates.map((g) => `${g.file}:${g.line}  ${g.rule}  ${g.message}\n`).join('')}`,
    { exitCode: EXIT.blocked, details: { gates } },
  );
}

async function driftOf(target: MigrationTarget, desired: Database): Promise<Plan | undefined> {
  const live = await target.liveModel();
  const plan = diff(live, desired);
  return plan.operations.length === 0 ? undefined : plan;
}

interface MigrationRun {
  readonly outcome: MigrationOutcome;
  /**
   * The write of the final history entry, not awaited by runMigration: it overlaps the next
   * migration's `running` write (two rows, one round trip). Losing it equals a kill just before it,
   * which a re-run resumes from the last checkpoint.
   */
  readonly recorded: Promise<void>;
}

async function runMigration(
  migration: Migration,
  previous: HistoryEntry | undefined,
  target: MigrationTarget,
  lease: Lease,
  options: RunOptions,
  previousRecorded: Promise<void>,
): Promise<MigrationRun> {
  const started = Date.now();
  // A checkpoint points into the file that wrote it: after an edit (a fix of the failing step, say) the
  // migration starts again from its first step, which the idempotent steps make safe.
  const resumable = previous !== undefined && (previous.status === 'failed' || previous.status === 'running') && previous.checksum === migration.file.checksum;
  let entry: HistoryEntry = {
    version: migration.file.version,
    name: migration.file.name,
    checksum: migration.file.checksum,
    status: 'running',
    startedAt: new Date(started).toISOString(),
    finishedAt: null,
    durationMs: null,
    toolVersion: options.toolVersion,
    appliedBy: options.appliedBy,
    error: null,
    checkpoint: resumable ? previous.checkpoint : null,
  };
  const record = async (changes: Partial<HistoryEntry>): Promise<void> => {
    entry = { ...entry, ...changes };
    await target.store.writeHistory(entry);
  };
  const finish = (status: HistoryStatus, error?: string, checkpoint?: string | null, blocked = false): MigrationRun => {
    const ms = Date.now() - started;
    const recorded = record({ status, finishedAt: new Date().toISOString(), durationMs: ms, error: error ?? null, ...(checkpoint === undefined ? {} : { checkpoint }) });
    recorded.catch(() => undefined); // awaited by the caller; not an unhandled rejection meanwhile
    const outcome: OutcomeStatus = blocked ? 'blocked' : (status as OutcomeStatus);
    return { outcome: { version: migration.file.version, file: migration.file.file, status: outcome, ms, ...(error === undefined ? {} : { error }) }, recorded };
  };
  await Promise.all([previousRecorded, record({})]);

  if (migration.schema === undefined) {
    try {
      await target.runDataMigration(migration.file, 'up', { initial: entry.checkpoint, save: (checkpoint) => record({ checkpoint }) });
      return finish('applied', undefined, null);
    } catch (error) {
      if (error instanceof CrmSchemaError && error.code === 'lock_held') throw error;
      return finish('failed', `${messageOf(error)}; re-run apply to resume from the last checkpoint`);
    }
  }

  const phases = splitPhases(migration.schema.steps);
  const startPhase = resumable ? (JSON.parse(entry.checkpoint ?? '{}') as { phase?: number }).phase ?? 0 : 0;
  const done: OperationStep[] = [];
  const stepsById = new Map(migration.schema.steps.map((step) => [step.id, step]));
  for (const phase of phases.slice(0, startPhase)) {
    if (phase.kind === 'operations') for (const op of phase.operations) done.push(stepsById.get(op.id) as OperationStep);
  }
  for (let i = startPhase; i < phases.length; i += 1) {
    const phase = phases[i];
    if (phase === undefined) break;
    lease.assertHeld();
    let failure: { kind: 'failed' | 'blocked'; message: string } | undefined;
    // Creates that failed may have left a `failed` column or index behind: rolling back clears them too.
    let leftovers: OperationStep[] = [];
    if (phase.kind === 'copy') {
      options.onEvent?.({ type: 'phase', text: phase.step.summary });
      try {
        await target.copyColumn(phase.step);
      } catch (error) {
        failure = { kind: 'failed', message: messageOf(error) };
      }
    } else {
      const ids = new Set(phase.operations.map((op) => op.id));
      const outcome = await target.runOperations(phase.operations, migration.schema.prechecks.filter((check) => ids.has(check.operation)));
      for (const id of outcome.completed) done.push(stepsById.get(id) as OperationStep);
      if (outcome.kind !== 'done') failure = { kind: outcome.kind, message: outcome.message };
      if (outcome.kind === 'failed') leftovers = outcome.failed.map((id) => stepsById.get(id) as OperationStep).filter((step) => step.kind.startsWith('create_'));
    }
    if (failure === undefined) {
      // After the last phase the `applied` record below says it all.
      if (i + 1 < phases.length) await record({ checkpoint: JSON.stringify({ phase: i + 1 }) });
      continue;
    }
    const pastIrreversible = phases.slice(0, i + 1).some((p) => p.kind === 'operations' && p.irreversible);
    if (!options.rollback || pastIrreversible) {
      const why = pastIrreversible ? 'an irreversible step had already run, so it was not rolled back' : 'left as it is (--no-rollback)';
      return finish('failed', `${failure.message}; ${why}: re-run apply to continue where it stopped`, JSON.stringify({ phase: i }), failure.kind === 'blocked');
    }
    options.onEvent?.({ type: 'rollback', text: `rolling back ${done.length} step(s) of ${migration.file.file}` });
    const undo = [...leftovers, ...done.reverse()].map(inverseOf).filter((op) => op !== undefined);
    for (const op of undo) {
      const outcome = await target.runOperations(orderOperations([op]), []);
      if (outcome.kind !== 'done') {
        // Some completed phases are now partly undone, so resuming at phase i would skip them. Everything
        // before phase i was reversible and each step is idempotent, so the re-run starts from the first step.
        return finish('failed', `${failure.message}; rolling back also failed at "${op.summary}": ${outcome.message}; re-run apply to run it again from its first step`, null);
      }
    }
    return finish('rolled_back', `${failure.message}; rolled back to the previous version`, null, failure.kind === 'blocked');
  }
  return finish('applied', undefined, null);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

