import type { CliContext } from './context.js';

/**
 * Seed progress on stderr: a bar rewritten in place on a TTY (at most every 100 ms), otherwise one
 * line per 10% of the customers, so CI logs stay short.
 */
export function seedProgress(ctx: CliContext, customers: number): { onBatch: (tableId: string, rows: number) => void; done: () => void } {
  const written: Record<string, number> = {};
  let lastDraw = 0;
  let lastDecile = 0;
  const started = performance.now();
  const line = () => {
    const share = customers === 0 ? 1 : Math.min(1, (written['customers'] ?? 0) / customers);
    const width = 24;
    const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
    const rows = Object.entries(written).filter(([key]) => key !== 'users').reduce((sum, [, n]) => sum + n, 0);
    const rate = Math.round(rows / Math.max((performance.now() - started) / 1000, 1e-3));
    return `seed [${bar}] ${Math.round(share * 100)}%  ${Object.entries(written).map(([key, n]) => `${key} ${n}`).join('  ')}  (${rate} rows/s)`;
  };
  return {
    onBatch(tableId, rows) {
      written[tableId] = (written[tableId] ?? 0) + rows;
      if (ctx.interactive) {
        const now = performance.now();
        if (now - lastDraw >= 100) {
          lastDraw = now;
          ctx.stderr(`\r\x1b[2K${line()}`);
        }
        return;
      }
      const decile = customers === 0 ? 10 : Math.floor(((written['customers'] ?? 0) / customers) * 10);
      if (tableId === 'customers' && decile > lastDecile) {
        lastDecile = decile;
        ctx.stderr(`${line()}\n`);
      }
    },
    done() {
      if (ctx.interactive) ctx.stderr(`\r\x1b[2K${line()}\n`);
    },
  };
}
