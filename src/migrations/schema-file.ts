import { stringify } from 'yaml';
import type { Precheck } from '../plan/types.js';
import { problemAt, type PathProblem, type Problem } from '../loader/problem.js';
import { locate, parseYamlFile } from '../loader/yaml-document.js';
import type { MigrationStep, SchemaMigration } from './types.js';

const OPERATION_KINDS = new Set([
  'create_database', 'update_database', 'create_table', 'update_table', 'delete_table', 'create_column',
  'update_column', 'rename_column', 'delete_column', 'replace_column', 'create_index', 'delete_index',
]);

/** Fields each step kind must carry (beyond kind, id, risk, summary). */
const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  create_database: ['database', 'name', 'enabled'],
  update_database: ['database', 'name', 'enabled'],
  create_table: ['table', 'name', 'enabled', 'rowSecurity', 'permissions'],
  update_table: ['table', 'name', 'enabled', 'rowSecurity', 'permissions', 'changes'],
  delete_table: ['table', 'name', 'columnCount'],
  create_column: ['table', 'column'],
  update_column: ['table', 'key', 'column', 'previous', 'changes'],
  rename_column: ['table', 'from', 'to', 'current'],
  delete_column: ['table', 'key', 'previous'],
  replace_column: ['table', 'key', 'previous', 'column', 'replaced'],
  create_index: ['table', 'index'],
  delete_index: ['table', 'key', 'previous'],
  copy_column: ['table', 'from', 'to', 'conversion'],
};

export interface ParsedSchemaMigration {
  readonly migration?: SchemaMigration;
  readonly problems: readonly Problem[];
  /** 1-based line of each step, for messages that point into the file (lint). */
  readonly stepLines: readonly number[];
}

/** Parses a schema migration file; every problem is located at file:line:column with a rule id. */
export function parseSchemaMigration(file: string, text: string): ParsedSchemaMigration {
  const parsed = parseYamlFile(file, text);
  if (parsed.syntaxProblems.length > 0) return { problems: parsed.syntaxProblems, stepLines: [] };
  const value = parsed.value as Record<string, unknown> | null;
  const found: PathProblem[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    found.push(problemAt([], 'migration-shape', 'a schema migration is a map with `database` and `steps`'));
  } else {
    if (typeof value.database !== 'string') found.push(problemAt(['database'], 'migration-shape', '`database` must name the database id'));
    if (!Array.isArray(value.steps)) found.push(problemAt(['steps'], 'migration-shape', '`steps` must be a list'));
    else found.push(...checkSteps(value.steps, 'steps'));
    if (value.down !== undefined) {
      if (!Array.isArray(value.down)) found.push(problemAt(['down'], 'migration-shape', '`down` must be a list of steps'));
      else found.push(...checkSteps(value.down, 'down'));
    }
    if (value.prechecks !== undefined && !Array.isArray(value.prechecks)) {
      found.push(problemAt(['prechecks'], 'migration-shape', '`prechecks` must be a list'));
    }
  }
  const problems = found.map((problem) => locate(parsed, problem));
  const steps = Array.isArray(value?.steps) ? value.steps : [];
  const stepLines = steps.map((_, i) => locate(parsed, problemAt(['steps', i], '', '')).line);
  if (problems.length > 0 || value === null) return { problems, stepLines };
  return {
    problems,
    stepLines,
    migration: {
      database: value.database as string,
      steps: value.steps as MigrationStep[],
      prechecks: (value.prechecks ?? []) as Precheck[],
      ...(value.down === undefined ? {} : { down: value.down as MigrationStep[] }),
    },
  };
}

/** Each step, then that no two share an id: the executor orders a phase's steps by id. */
function checkSteps(steps: readonly unknown[], list: string): PathProblem[] {
  const problems = steps.flatMap((step, i) => checkStep(step, [list, i]));
  const firstWith = new Map<string, number>();
  steps.forEach((step, i) => {
    const id = (step as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = firstWith.get(id);
    if (first === undefined) firstWith.set(id, i);
    else problems.push(problemAt([list, i, 'id'], 'migration-step-id-duplicate', `step id ${id} is already used by step ${first + 1}; ids must be unique within a migration`));
  });
  return problems;
}

function checkStep(step: unknown, path: (string | number)[]): PathProblem[] {
  if (step === null || typeof step !== 'object' || Array.isArray(step)) {
    return [problemAt(path, 'migration-step-shape', 'each step is a map with `kind`, `id`, `risk` and its fields')];
  }
  const record = step as Record<string, unknown>;
  const kind = record.kind;
  if (typeof kind !== 'string' || !(OPERATION_KINDS.has(kind) || kind === 'copy_column')) {
    return [problemAt([...path, 'kind'], 'migration-step-kind', `unknown step kind ${JSON.stringify(kind)}`,
      `one of ${[...OPERATION_KINDS, 'copy_column'].join(', ')}`)];
  }
  const problems: PathProblem[] = [];
  for (const field of ['id', 'summary']) {
    if (typeof record[field] !== 'string') problems.push(problemAt([...path, field], 'migration-step-shape', `\`${field}\` must be a string`));
  }
  if (!['safe', 'data_dependent', 'destructive'].includes(record.risk as string)) {
    problems.push(problemAt([...path, 'risk'], 'migration-step-risk', '`risk` must be safe, data_dependent or destructive'));
  }
  for (const field of REQUIRED_FIELDS[kind] ?? []) {
    if (record[field] === undefined) problems.push(problemAt(path, 'migration-step-shape', `${kind} needs \`${field}\``));
  }
  return problems;
}

/** The header comment and YAML of a schema migration, in the order a reviewer reads it. */
export function formatSchemaMigration(version: string, name: string, command: string, migration: SchemaMigration): string {
  const count = (risk: string): number => migration.steps.filter((step) => step.risk === risk).length;
  const header = [
    `# Migration ${version} ${name}: written by \`${command}\`.`,
    '# Steps run in this order; operations between two copy steps overlap where they do not depend on each',
    '# other. Never edit a migration that ran anywhere: write a new one.',
    `# Risk: ${count('safe')} safe, ${count('data_dependent')} data-dependent, ${count('destructive')} destructive.`,
  ];
  const body = {
    database: migration.database,
    steps: migration.steps.map(readableStep),
    ...(migration.prechecks.length > 0 ? { prechecks: migration.prechecks } : {}),
  };
  return `${header.join('\n')}\n${stringify(body, { lineWidth: 0 })}`;
}

/** Known fields first, in reading order; documentation-only model fields are dropped. */
function readableStep(step: MigrationStep): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  const record = step as unknown as Record<string, unknown>;
  for (const key of ['kind', 'id', 'risk', 'summary', 'acknowledged', 'preservedIn']) {
    if (record[key] !== undefined) ordered[key] = record[key];
  }
  for (const [key, value] of Object.entries(record)) {
    if (key in ordered || key === 'hazards' || key === 'reasons') continue;
    ordered[key] = stripDocs(value);
  }
  // Reasons say why a step is risky; a safe create has none worth a reviewer's line.
  const plainCreate = step.kind.startsWith('create_') && step.risk === 'safe';
  if (Array.isArray(record.reasons) && record.reasons.length > 0 && !plainCreate) ordered.reasons = record.reasons;
  if (Array.isArray(record.hazards) && record.hazards.length > 0) ordered.hazards = record.hazards;
  return ordered;
}

/** Columns and indexes keep what Appwrite stores; descriptions, app rules and renamedFrom stay in schema/. */
function stripDocs(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  if (typeof record.key === 'string' && typeof record.type === 'string') {
    const { description: _d, app: _a, renamedFrom: _r, ...rest } = record;
    if (Array.isArray(rest.elements)) rest.elements = (rest.elements as { value: string }[]).map((e) => ({ value: e.value }));
    return rest;
  }
  return value;
}
