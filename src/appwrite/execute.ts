import type { Operation, Plan } from '../plan/index.js';
import { CrmSchemaError } from '../errors.js';
import type { Gateway } from './gateway.js';
import { runOperation } from './steps.js';

export type ExecutionEvent =
  | { readonly type: 'start'; readonly op: Operation }
  | { readonly type: 'done'; readonly op: Operation; readonly ms: number }
  | { readonly type: 'failed'; readonly op: Operation; readonly ms: number; readonly message: string };

export interface ExecutionReport {
  readonly completed: readonly { readonly id: string; readonly ms: number }[];
  readonly failed: readonly { readonly id: string; readonly message: string }[];
  /** Operations not started because something they depend on failed. */
  readonly skipped: readonly string[];
  readonly wallMs: number;
  readonly requests: number;
}

export interface ExecuteOptions {
  readonly onEvent?: (event: ExecutionEvent) => void;
}

/**
 * Runs a plan's operations as a dependency graph: an operation starts as soon as everything in its
 * `after` list is done. Requests in flight are bounded by the gateway's client, not here, so an
 * operation waiting for Appwrite's serial worker never keeps the next one from being queued behind
 * it. Columns of all tables are therefore created together, and each index starts the moment its
 * columns are available. A failure stops dependants
 * but lets independent work finish, so a re-run has less to do.
 */
export async function executePlan(gateway: Gateway, plan: Plan, options: ExecuteOptions): Promise<ExecutionReport> {
  const started = Date.now();
  const requestsBefore = gateway.requestCount;
  const pending = new Map(plan.operations.map((op) => [op.id, op]));
  const done = new Set<string>();
  const broken = new Set<string>();
  const completed: { id: string; ms: number }[] = [];
  const failed: { id: string; message: string }[] = [];
  const running = new Set<Promise<void>>();

  const inPlan = new Set(pending.keys());
  // A dependency outside the plan cannot be waited for; it counts as satisfied.
  const ready = (op: Operation): boolean => op.after.every((id) => done.has(id) || !inPlan.has(id));
  const blocked = (op: Operation): boolean => op.after.some((id) => broken.has(id));

  const launch = (op: Operation): void => {
    pending.delete(op.id);
    const opStarted = Date.now();
    options.onEvent?.({ type: 'start', op });
    const task = runOperation(gateway, op).then(
      () => {
        done.add(op.id);
        const ms = Date.now() - opStarted;
        completed.push({ id: op.id, ms });
        options.onEvent?.({ type: 'done', op, ms });
      },
      (error: unknown) => {
        broken.add(op.id);
        const message = describeError(error);
        failed.push({ id: op.id, message });
        options.onEvent?.({ type: 'failed', op, ms: Date.now() - opStarted, message });
      },
    );
    const tracked = task.finally(() => running.delete(tracked));
    running.add(tracked);
  };

  for (;;) {
    for (const op of [...pending.values()]) {
      if (blocked(op)) {
        pending.delete(op.id);
        broken.add(op.id);
      }
    }
    for (const op of pending.values()) {
      if (ready(op)) launch(op);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }

  const skipped = plan.operations.map((op) => op.id).filter((id) => broken.has(id) && !failed.some((f) => f.id === id));
  return { completed, failed, skipped, wallMs: Date.now() - started, requests: gateway.requestCount - requestsBefore };
}

function describeError(error: unknown): string {
  if (error instanceof CrmSchemaError) return error.message;
  if (error instanceof Error) {
    const type = (error as { type?: string }).type;
    return type ? `${error.message} (${type})` : error.message;
  }
  return String(error);
}
