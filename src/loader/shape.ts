/**
 * Shape checks: the shipped JSON Schema (the same one editors use) run by ajv, with each ajv error
 * turned into a located problem with a stable rule id.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validate as generatedValidate } from '../generated/schema-shape.js';
import { problemAt, type NodePath, type PathProblem } from './problem.js';

/**
 * ajv's standalone code for schema.json, generated ahead of time (tests/unit/loader/shape-validator.test.ts
 * keeps it current): compiling the schema at start-up cost every command about a quarter of a second.
 */
const validator = generatedValidate as unknown as ValidateFunction;

export interface ShapeResult {
  readonly problems: readonly PathProblem[];
  /** True when the only problems are unknown fields, so the semantic rules can still run safely. */
  readonly usable: boolean;
}

export function checkShape(value: unknown): ShapeResult {
  const validate = validator;
  if (validate(value)) return { problems: [], usable: true };
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if');
  // anyOf reports every branch's failure too. For a map entry, the map branch's errors say what is
  // wrong; for anything else the one-line summary does.
  const anyOf = errors.filter((e) => e.keyword === 'anyOf');
  const summarized = anyOf.filter((e) => !isPlainObject(e.data)).map((e) => e.instancePath);
  const objectPaths = new Set(anyOf.filter((e) => isPlainObject(e.data)).map((e) => e.instancePath));
  const kept = errors.filter((e) => {
    if (objectPaths.has(e.instancePath)) return e.keyword !== 'anyOf' && e.keyword !== 'type';
    if (e.keyword === 'anyOf') return true;
    return !summarized.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
  });
  const problems = dedupe(kept.map(toProblem));
  return { problems, usable: kept.every((e) => e.keyword === 'additionalProperties') };
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dedupe(problems: PathProblem[]): PathProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.path.join('/')}|${p.rule}|${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function toPath(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function describe(path: NodePath): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') return `item ${last + 1} of "${String(path[path.length - 2])}"`;
  return `"${last}"`;
}

function propertyHelp(error: ErrorObject, property: string): string | undefined {
  const properties = (error.parentSchema as { properties?: Record<string, { description?: string }> } | undefined)
    ?.properties;
  return properties?.[property]?.description;
}

function toProblem(error: ErrorObject): PathProblem {
  const path = toPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const allowed = Object.keys(
        (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {},
      );
      return problemAt([...path, field], 'unknown-field', `unknown field "${field}"`, `allowed here: ${allowed.join(', ')}`, true);
    }
    case 'required': {
      const field = String(params.missingProperty);
      const where = path.length === 0 ? 'the file' : describe(path);
      return problemAt(path, 'missing-field', `${where} is missing required field "${field}"`, propertyHelp(error, field));
    }
    case 'type':
      if (path.length === 0 && (error.data === null || error.data === undefined)) {
        return problemAt(path, 'wrong-type', 'the file is empty', 'a schema file is a map: kind: table (or database), id, name, ...');
      }
      return problemAt(path, 'wrong-type', `${describe(path)} must be of type ${String(params.type).replace(/,/g, ' or ')}`, (error.parentSchema as { description?: string } | undefined)?.description);
    case 'enum':
      return problemAt(
        path,
        'invalid-value',
        `${describe(path)} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`,
        `got ${JSON.stringify(error.data)}`,
      );
    case 'const':
      return problemAt(path, 'invalid-value', `${describe(path)} must be ${JSON.stringify(params.allowedValue)}`);
    case 'minimum':
      return problemAt(path, 'out-of-range', `${describe(path)} must be >= ${String(params.limit)}`);
    case 'anyOf':
      return problemAt(path, 'wrong-type', `${describe(path)} must be a column key or {column, order, length}`);
    default:
      return problemAt(path, 'invalid-shape', `${describe(path)} ${error.message ?? 'is invalid'}`);
  }
}
