/**
 * The generator's one failure: schema names that cannot become distinct TypeScript names (two tables
 * or columns claiming the same name, or a `typeName` that is not an identifier). codegen imports only
 * the Model, so the CLI maps this to its own typed error.
 */
export class TypeNameError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`cannot name the generated types: ${problems.join('; ')}`);
    this.name = 'TypeNameError';
    this.problems = problems;
  }
}
