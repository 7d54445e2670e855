/**
 * Typed errors. Each carries a stable `code` (for scripts and JSON output) and the process exit code
 * it maps to. Only bin/crm-schema.js turns them into an exit; everything else throws.
 *
 * Exit codes (documented in the README):
 *   0 success / no changes, 1 error, 2 changes present (plan --detailed-exitcode),
 *   3 blocked by a safety gate, 4 migration lock held.
 */
export const EXIT = {
  ok: 0,
  error: 1,
  changes: 2,
  blocked: 3,
  locked: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type ErrorCode =
  | 'usage'
  | 'config'
  | 'schema_invalid'
  | 'yaml_syntax'
  | 'io'
  | 'appwrite'
  | 'unreachable'
  | 'timeout'
  | 'plan_stale'
  | 'blocked'
  | 'lock_held'
  | 'runtime_validation'
  | 'not_found'
  | 'conflict'
  | 'internal';

export class CrmSchemaError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: ExitCode;
  /** JSON-safe details for `--json` output. Never holds secrets. */
  readonly details: Readonly<Record<string, unknown>>;
  /** A user error is printed without a stack trace. */
  readonly userError: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      exitCode?: ExitCode;
      details?: Record<string, unknown>;
      userError?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CrmSchemaError';
    this.code = code;
    this.exitCode = options.exitCode ?? EXIT.error;
    this.details = options.details ?? {};
    this.userError = options.userError ?? true;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export function usageError(message: string): CrmSchemaError {
  return new CrmSchemaError('usage', message);
}

export function isCrmSchemaError(value: unknown): value is CrmSchemaError {
  return value instanceof CrmSchemaError;
}
