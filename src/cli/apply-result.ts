import { isCrmSchemaError, type CrmSchemaError, type ExitCode } from '../errors.js';
import type { ExecutionReport } from '../appwrite/execute.js';
import type { MigrationOutcome } from '../migrations/runner.js';
import type { Plan } from '../plan/index.js';

/**
 * The one JSON document `apply --json` and `push --json` print, whatever happened (documented in the
 * README; `formatVersion` changes only on an incompatible change). Errors that stop a run early are
 * reported in the same shape, with `outcome` saying which.
 */
export interface ApplyResult {
  readonly formatVersion: 1;
  readonly command: 'apply' | 'push';
  readonly outcome: 'applied' | 'no_changes' | 'blocked' | 'failed' | 'drift' | 'lock_held' | 'error';
  readonly target: string;
  /** apply: the migrations this run attempted, and how many were applied before it. */
  readonly migrations: { readonly attempted: readonly MigrationOutcome[]; readonly alreadyApplied: number } | null;
  /** push: the operations run. */
  readonly operations: { readonly completed: readonly string[]; readonly failed: readonly { id: string; message: string }[]; readonly skipped: readonly string[] } | null;
  /** Differences between the live database and schema/ left after the run. */
  readonly drift: readonly { readonly id: string; readonly summary: string; readonly risk: string }[] | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly requests: number;
  readonly wallMs: number;
}

export type ApplyResultFields = Partial<Omit<ApplyResult, 'formatVersion' | 'command'>> & Pick<ApplyResult, 'outcome'>;

export function applyResult(command: ApplyResult['command'], fields: ApplyResultFields): ApplyResult {
  return {
    formatVersion: 1,
    command,
    target: '',
    migrations: null,
    operations: null,
    drift: null,
    error: null,
    requests: 0,
    wallMs: 0,
    ...fields,
  };
}

export function driftOf(plan: Plan | undefined): ApplyResult['drift'] {
  return plan === undefined ? null : plan.operations.map((op) => ({ id: op.id, summary: op.summary, risk: op.risk }));
}

export function operationsOf(report: ExecutionReport): ApplyResult['operations'] {
  return { completed: report.completed.map((c) => c.id), failed: report.failed, skipped: report.skipped };
}

/**
 * Prints the result document of one apply or push run (with --json only): fields known later (the
 * target, the request count) are attached once connected, and an error that ends the run is reported
 * in the same shape and turned into its exit code instead of being thrown.
 */
export class ResultReporter {
  readonly #started = Date.now();
  #target = '';
  #requests: () => number = () => 0;

  constructor(
    private readonly command: ApplyResult['command'],
    private readonly json: boolean,
    private readonly print: (text: string) => void,
  ) {}

  connected(connection: { readonly description: string; readonly gateway: { readonly requestCount: number } }): void {
    this.#target = connection.description;
    this.#requests = () => connection.gateway.requestCount;
  }

  report(fields: ApplyResultFields): void {
    if (!this.json) return;
    const result = applyResult(this.command, { target: this.#target, requests: this.#requests(), wallMs: Date.now() - this.#started, ...fields });
    this.print(`${JSON.stringify(result, null, 2)}\n`);
  }

  /** With --json, a user error becomes the result document and its exit code; anything else is rethrown. */
  failed(error: unknown): ExitCode {
    const failure = failureFields(error);
    if (failure === undefined || !this.json) throw error;
    this.report(failure);
    return (error as CrmSchemaError).exitCode;
  }
}

/** The outcome and error fields for an error that ended a run. */
export function failureFields(error: unknown): Pick<ApplyResult, 'outcome' | 'error'> | undefined {
  if (!isCrmSchemaError(error) || !error.userError) return undefined;
  const outcome = error.code === 'lock_held' ? 'lock_held' : error.code === 'blocked' ? 'blocked' : 'error';
  return { outcome, error: { code: error.code, message: error.message } };
}
