/**
 * The runtime's typed errors. Each carries a stable `code` that application code can switch on, and
 * (when it came from Appwrite) the Appwrite error `type` it was mapped from.
 */

export class CustomerServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly appwriteType?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface ValidationProblem {
  /** Column (or `column.jsonField`) at fault. */
  readonly field: string;
  /** Stable rule id, e.g. `required`, `max_length`, `email_format`, `enum`, `min`, `immutable`. */
  readonly rule: string;
  readonly message: string;
}

/** The input breaks one or more rules; every problem is listed, and nothing was written. */
export class ValidationError extends CustomerServiceError {
  readonly problems: readonly ValidationProblem[];
  /** The first problem's field and rule, for callers that show one message. */
  readonly field: string;
  readonly rule: string;

  constructor(problems: readonly ValidationProblem[], appwriteType?: string) {
    const first = problems[0] ?? { field: '', rule: 'invalid', message: 'invalid input' };
    super('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), appwriteType);
    this.problems = problems;
    this.field = first.field;
    this.rule = first.rule;
  }
}

/** The row does not exist, or the caller may not see it (Appwrite hides existence: 404 for both). */
export class NotFoundError extends CustomerServiceError {
  constructor(message: string, appwriteType?: string) {
    super('not_found', message, appwriteType);
  }
}

/** Why a write conflicted: a unique value is taken, or a concurrent change won (retried first). */
export type ConflictReason = 'duplicate' | 'concurrent_change';

export class ConflictError extends CustomerServiceError {
  constructor(
    readonly reason: ConflictReason,
    message: string,
    /** For `duplicate`: the column whose value is taken, when known. */
    readonly field?: string,
    appwriteType?: string,
  ) {
    super(reason === 'duplicate' ? 'duplicate' : 'concurrent_change', message, appwriteType);
  }
}

/** The caller may not do this: Appwrite refused (401), or a self-service user touched admin-owned fields. */
export class ForbiddenError extends CustomerServiceError {
  constructor(
    message: string,
    readonly fields: readonly string[] = [],
    appwriteType?: string,
  ) {
    super('forbidden', message, appwriteType);
  }
}
