import path from 'node:path';
import { EXIT, type ExitCode } from '../errors.js';
import { loadSchema, readSchemaDir, type Problem } from '../loader/index.js';
import { estimateRowBytes, ROW_BYTES_MAX } from '../model/limits.js';
import type { Database } from '../model/types.js';
import type { CliContext } from './context.js';

export interface ValidateOptions {
  readonly json?: boolean;
}

export interface TableSummary {
  readonly id: string;
  readonly columns: number;
  readonly indexes: number;
  readonly rowBytes: number;
  readonly rowBytesMax: number;
  /** rowBytes as a percentage of rowBytesMax, one decimal. */
  readonly rowPercent: number;
}


export async function runValidate(dir: string, options: ValidateOptions, ctx: CliContext): Promise<ExitCode> {
  const files = await readSchemaDir(path.resolve(ctx.cwd, dir), ctx.cwd);
  const { model, problems } = loadSchema(files);
  const tables = model === undefined ? [] : summarize(model);
  if (options.json) {
    ctx.stdout(`${JSON.stringify({ ok: problems.length === 0, problems, tables }, null, 2)}\n`);
  } else if (problems.length > 0) {
    ctx.stdout(problems.map(formatProblem).join(''));
    ctx.stdout(`\n${problems.length === 1 ? '1 problem' : `${problems.length} problems`} in ${dir}\n`);
  } else if (model !== undefined) {
    ctx.stdout(formatSummary(dir, model, tables));
  }
  return problems.length === 0 ? EXIT.ok : EXIT.error;
}

/** `file:line:column  rule-id  message` plus an indented hint line, as editors and CI annotate. */
export function formatProblem(problem: Problem): string {
  const head = `${problem.file}:${problem.line}:${problem.column}  ${problem.rule}  ${problem.message}\n`;
  return problem.hint === undefined ? head : `${head}    hint: ${problem.hint}\n`;
}

export function summarize(model: Database): TableSummary[] {
  return model.tables.map((table) => {
    const rowBytes = estimateRowBytes(table);
    return {
      id: table.id,
      columns: table.columns.length,
      indexes: table.indexes.length,
      rowBytes,
      rowBytesMax: ROW_BYTES_MAX,
      rowPercent: Math.round((rowBytes / ROW_BYTES_MAX) * 1000) / 10,
    };
  });
}

function formatSummary(dir: string, model: Database, tables: readonly TableSummary[]): string {
  const header = ['table', 'columns', 'indexes', 'row width'];
  const rows = tables.map((t) => [t.id, String(t.columns), String(t.indexes), `${t.rowBytes} B (${t.rowPercent.toFixed(1)}% of ${t.rowBytesMax})`]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`;
  const removed = model.removedTables.length === 0 ? '' : `, ${model.removedTables.length} to remove`;
  const count = tables.length === 1 ? '1 table' : `${tables.length} tables`;
  return `${dir}: valid (database ${model.id}, ${count}${removed})\n${line(header)}${rows.map(line).join('')}`;
}
