import type { Operation, Precheck } from '../plan/types.js';

/** An operation before ordering has decided what it must wait for. */
export type DraftOperation = Operation extends infer O ? (O extends Operation ? Omit<O, 'after'> : never) : never;

/** What diffing one part of the model produces. */
export interface DraftPart {
  readonly operations: readonly DraftOperation[];
  readonly prechecks: readonly Precheck[];
}

export function operationId(kind: Operation['kind'], scope: string, key?: string): string {
  return key === undefined ? `${kind}:${scope}` : `${kind}:${scope}.${key}`;
}

export function precheckId(operation: string): string {
  return `precheck:${operation}`;
}
