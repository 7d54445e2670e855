import kleur from 'kleur';
import type { Operation, Plan } from '../plan/types.js';
import { destructiveHint, groupByScope, precheckLine, prechecksOf, summaryLine, symbolFor, SYMBOL_LEGEND, type Symbol } from './groups.js';

export interface TextOptions {
  /** ANSI colours (kleur); off for NO_COLOR, non-TTY output and snapshots. */
  readonly color: boolean;
  /** End with how destructive changes would run (plan, diff); off where the gate already decided (apply). */
  readonly gateHint?: boolean;
}

type Paint = (text: string) => string;

/**
 * The plan for a terminal, grouped by table, one line per operation with its reasons, pre-checks and
 * hazards indented below; ends with a summary line. Pure: returns the text.
 */
export function renderText(plan: Plan, options: TextOptions): string {
  const paint = painter(options.color);
  if (plan.operations.length === 0) return `${summaryLine(plan)}\n`;
  const lines: string[] = [`Database ${plan.database}: planned changes`, paint.dim(`  ${SYMBOL_LEGEND}`), ''];
  for (const group of groupByScope(plan)) {
    lines.push(paint.bold(`${group.scope === 'database' ? 'Database' : 'Table'} ${group.id}`));
    for (const op of group.operations) lines.push(...operationLines(plan, op, paint));
    lines.push('');
  }
  lines.push(paint.bold(summaryLine(plan)));
  const hint = options.gateHint ? destructiveHint(plan) : undefined;
  if (hint !== undefined) lines.push(paint.red(hint));
  return `${lines.join('\n')}\n`;
}

function operationLines(plan: Plan, op: Operation, paint: Painter): string[] {
  const symbol = symbolFor(op);
  const tone = paint.symbol[symbol];
  const lines = [`  ${tone(symbol)} ${tone(op.summary)}`];
  for (const reason of op.reasons) lines.push(paint.dim(`      ${reason}`));
  for (const check of prechecksOf(plan, op)) {
    const failed = check.result !== undefined && check.result.violatingRows > 0;
    lines.push(`      ${(failed ? paint.red : paint.yellow)(precheckLine(check))}`);
  }
  for (const hazard of op.hazards) {
    lines.push(`      ${paint.red(`hazard: ${hazard.message}`)}`);
    lines.push(`      ${paint.dim(`to avoid it: ${hazard.advice}`)}`);
  }
  return lines;
}

interface Painter {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly yellow: Paint;
  readonly symbol: Record<Symbol, Paint>;
}

function painter(color: boolean): Painter {
  const plain: Paint = (text) => text;
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, symbol: { '+': plain, '~': plain, '!': plain, '-': plain } };
  return {
    bold: (text) => kleur.bold(text),
    dim: (text) => kleur.dim(text),
    red: (text) => kleur.red(text),
    yellow: (text) => kleur.yellow(text),
    symbol: {
      '+': (text) => kleur.green(text),
      '~': (text) => kleur.cyan(text),
      '!': (text) => kleur.yellow(text),
      '-': (text) => kleur.red(text),
    },
  };
}
