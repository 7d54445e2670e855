import { InvalidArgumentError, Option } from 'commander';

/**
 * Every numeric option of every command is parsed here, at argument-parsing time, so a bad value is
 * a usage error (commander prints it, exit 1) before anything runs. `Number()` alone would let
 * `abc` through as NaN (which once made `--concurrency abc` wait forever), and accept `0x10`, `1e3`
 * or an empty string.
 */
export interface NumericRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The minimum itself is not allowed (`--timeout 0` would give up before starting). */
  readonly minExclusive?: boolean;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function describeRange(range: NumericRange): string {
  const what = range.integer ? 'an integer' : 'a number';
  if (range.minExclusive) return `${what} greater than ${range.min} and at most ${range.max}`;
  return `${what} from ${range.min} to ${range.max}`;
}

/** Parses one option value, or throws commander's InvalidArgumentError naming the allowed range. */
export function parseNumber(value: string, range: NumericRange): number {
  const text = value.trim();
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  const below = range.minExclusive ? n <= range.min : n < range.min;
  if (!Number.isFinite(n) || (range.integer && !Number.isInteger(n)) || below || n > range.max) {
    throw new InvalidArgumentError(`expected ${describeRange(range)}.`);
  }
  return n;
}

/** Options made here; a test walks every command and requires each numeric-looking option to be one. */
const NUMERIC_OPTIONS = new WeakSet<Option>();

/** A commander Option whose value is parsed and range-checked by parseNumber. */
export function numericOption(flags: string, description: string, range: NumericRange, defaultValue?: number): Option {
  const option = new Option(flags, description).argParser((value: string) => parseNumber(value, range));
  NUMERIC_OPTIONS.add(option);
  return defaultValue === undefined ? option : option.default(defaultValue);
}

export function isNumericOption(option: Option): boolean {
  return NUMERIC_OPTIONS.has(option);
}

/** The ranges the commands share; each names why its bounds are what they are. */
export const RANGES = {
  /** Seconds; setTimeout cannot wait longer than 2^31-1 ms. */
  timeoutSeconds: { min: 0, max: 2_147_483, integer: false, minExclusive: true },
  /** Seconds to wait for the migration lock; 0 gives up at once. */
  lockTimeoutSeconds: { min: 0, max: 2_147_483, integer: false },
  /** Seconds a lease lives unrenewed; it is renewed every third of it, so under a second is churn. */
  leaseTtlSeconds: { min: 1, max: 86_400, integer: false },
  /** Rows `seed` creates: ten million is far beyond a demo and what one local server holds comfortably. */
  seedCount: { min: 0, max: 10_000_000, integer: true },
  /** Average invoices per seeded customer. */
  invoicesPerCustomer: { min: 0, max: 1_000, integer: true },
  /** HTTP requests in flight; 0 would never send one. */
  concurrency: { min: 1, max: 256, integer: true },
  port: { min: 0, max: 65_535, integer: true },
  /** Milliseconds of injected delay; an hour is far beyond any useful simulation. */
  delayMs: { min: 0, max: 3_600_000, integer: true },
  rate: { min: 0, max: 1, integer: false },
  /** The fault PRNG takes a 32-bit seed. */
  seed: { min: 0, max: 4_294_967_295, integer: true },
} as const satisfies Record<string, NumericRange>;
