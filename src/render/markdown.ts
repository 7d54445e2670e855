import type { Operation, Plan } from '../plan/types.js';
import { groupByScope, plural, precheckLine, prechecksOf, riskLabel, summaryLine, symbolFor } from './groups.js';

/**
 * The plan as a pull-request comment: a summary table by risk class, then what needs attention
 * (destructive first, then data-dependent), then the details per table.
 */
export function renderMarkdown(plan: Plan): string {
  const lines = [`### crm-schema plan for \`${plan.database}\``, ''];
  if (plan.operations.length === 0) {
    lines.push(summaryLine(plan), '');
    return lines.join('\n');
  }
  const { safe, data_dependent, destructive, total } = plan.summary;
  lines.push('| Risk | Changes |', '|:--|--:|', `| safe | ${safe} |`, `| data-dependent | ${data_dependent} |`);
  lines.push(`| destructive | ${destructive} |`, `| **total** | **${total}** |`, '');

  const destructiveOps = plan.operations.filter((op) => op.risk === 'destructive');
  if (destructiveOps.length > 0) {
    lines.push(`> [!CAUTION]`, `> **${plural(destructiveOps.length, 'destructive change')}** ${destructiveOps.length === 1 ? 'loses' : 'lose'} data and ${destructiveOps.length === 1 ? 'runs' : 'run'} only with \`--allow-destructive\`:`);
    for (const op of destructiveOps) {
      lines.push(`> - ${inline(op.summary)}${tableSuffix(op)}`);
      for (const hazard of op.hazards) lines.push(`>   - ${inline(hazard.advice)}`);
    }
    lines.push('');
  }
  const dataDependent = plan.operations.filter((op) => op.risk === 'data_dependent');
  if (dataDependent.length > 0) {
    lines.push(`> [!WARNING]`, `> **${plural(dataDependent.length, 'data-dependent change')}** ${dataDependent.length === 1 ? 'runs' : 'run'} only if ${dataDependent.length === 1 ? 'its' : 'their'} pre-checks find no offending rows:`);
    for (const op of dataDependent) {
      lines.push(`> - ${inline(op.summary)}${tableSuffix(op)}`);
      for (const check of prechecksOf(plan, op)) lines.push(`>   - ${inline(precheckLine(check))}`);
    }
    lines.push('');
  }

  lines.push('<details><summary>All changes</summary>', '');
  for (const group of groupByScope(plan)) {
    lines.push(`#### ${group.scope === 'database' ? 'Database' : 'Table'} \`${group.id}\``, '');
    for (const op of group.operations) {
      lines.push(`- \`${symbolFor(op)}\` ${inline(op.summary)} _(${riskLabel(op.risk)})_`);
      for (const reason of op.reasons) lines.push(`  - ${inline(reason)}`);
    }
    lines.push('');
  }
  lines.push('</details>', '', `**${summaryLine(plan)}**`, '');
  return lines.join('\n');
}

function tableSuffix(op: Operation): string {
  return 'table' in op && !op.summary.includes(` ${op.table} `) ? ` (table \`${op.table}\`)` : '';
}

/**
 * Keeps user text (keys, enum values, permission strings) from breaking the markup: no raw HTML, no
 * emphasis, no line breaks. Backticks and underscores stay: our own advice uses code spans, and
 * GitHub never treats an underscore inside a word as emphasis.
 */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\*<>|]/g, (char) => `\\${char}`);
}
