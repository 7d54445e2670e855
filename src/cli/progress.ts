import kleur from 'kleur';
import type { ExecutionEvent, ExecutionReport } from '../appwrite/execute.js';
import type { CliContext } from './context.js';

/**
 * Apply progress on stderr (stdout stays for the plan and the JSON report). On a TTY the line of the
 * running step is rewritten in place; in CI and pipes each step is one line when it finishes.
 */
export function progressReporter(ctx: CliContext): (event: ExecutionEvent) => void {
  const color = ctx.color;
  const paint = (fn: (text: string) => string, text: string): string => (color ? fn(text) : text);
  let running = 0;
  return (event) => {
    if (event.type === 'start') {
      running++;
      if (ctx.interactive) ctx.stderr(`\r\x1b[2K  … ${event.op.summary} (${running} running)`);
      return;
    }
    running--;
    const clear = ctx.interactive ? '\r\x1b[2K' : '';
    if (event.type === 'done') {
      ctx.stderr(`${clear}  ${paint(kleur.green, 'ok')}   ${event.op.summary} ${paint(kleur.dim, `(${event.ms} ms)`)}\n`);
    } else {
      ctx.stderr(`${clear}  ${paint(kleur.red, 'FAIL')} ${event.op.summary}: ${event.message}\n`);
    }
  };
}

export function reportSummary(report: ExecutionReport): string {
  const parts = [
    `${report.completed.length} done`,
    report.failed.length > 0 ? `${report.failed.length} failed` : undefined,
    report.skipped.length > 0 ? `${report.skipped.length} skipped` : undefined,
  ].filter((part) => part !== undefined);
  return `Apply: ${parts.join(', ')} in ${(report.wallMs / 1000).toFixed(2)} s with ${report.requests} ${report.requests === 1 ? 'request' : 'requests'}.\n`;
}
