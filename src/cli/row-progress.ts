import type { ProgressSink } from '../appwrite/data-context.js';
import type { CliContext } from './context.js';

const BAR = 24;

/**
 * Progress of a data migration's pass over rows, on stderr: a bar rewritten in place on a TTY; in CI
 * and pipes one line per 10% (or per 10,000 rows when the total is unknown), so logs stay short.
 */
export function rowProgress(ctx: CliContext): ProgressSink {
  const printed = new Map<string, number>();
  return (label, processed, total, finished) => {
    if (ctx.interactive) {
      const share = total ? Math.min(1, processed / total) : undefined;
      const bar = share === undefined ? '' : `[${'#'.repeat(Math.round(share * BAR)).padEnd(BAR, '.')}] ${Math.floor(share * 100)}% `;
      ctx.stderr(`\r\x1b[2K  ${label} ${bar}${processed}${total ? `/${total}` : ''} rows${finished ? '\n' : ''}`);
      return;
    }
    const step = total ? Math.max(1, Math.floor(processed / total * 10)) : Math.floor(processed / 10_000);
    if (!finished && step <= (printed.get(label) ?? 0)) return;
    printed.set(label, step);
    const share = total ? ` (${Math.min(100, Math.floor(processed / total * 100))}%)` : '';
    ctx.stderr(`  ${label}: ${processed}${total ? `/${total}` : ''} rows${share}${finished ? ', done' : ''}\n`);
  };
}
