/** A problem found in the schema files, located at the node that is wrong (1-based line/column). */
export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Stable kebab-case id, e.g. `column-key-format`; scripts and tests match on it. */
  readonly rule: string;
  readonly message: string;
  readonly hint?: string;
}

/** A path into a parsed YAML document: map keys and sequence indexes. */
export type NodePath = readonly (string | number)[];

/**
 * A problem found by a rule that only sees plain data: it names the path of the offending value
 * (or of the key itself, for unknown fields) and the loader turns that into a line and column.
 */
export interface PathProblem {
  readonly path: NodePath;
  /** Point at the map key instead of its value (unknown or misplaced fields). */
  readonly atKey?: boolean;
  readonly rule: string;
  readonly message: string;
  readonly hint?: string;
}

export function problemAt(
  path: NodePath,
  rule: string,
  message: string,
  hint?: string,
  atKey?: boolean,
): PathProblem {
  return { path, rule, message, ...(hint === undefined ? {} : { hint }), ...(atKey ? { atKey } : {}) };
}

/** Stable order for output: by file, then position, then rule. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule)
  );
}
