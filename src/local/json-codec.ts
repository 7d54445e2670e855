/**
 * JSON with int64 precision. Appwrite emits integers beyond 2^53 (e.g. the default integer max
 * 9223372036854775807) as bare JSON integers and node-appwrite reads them with json-bigint, so we must
 * both accept and emit them without going through a lossy double.
 */
const BIG_MARKER = `\u0001big\u0001`;
const SAFE_DIGITS = 15;
/** The marker as it appears inside a JSON string literal. */
const ESCAPED_MARKER = JSON.stringify(BIG_MARKER).slice(1, -1);
const LONG_DIGIT_RUN = new RegExp(`\\d{${SAFE_DIGITS + 1}}`);

/** Parses JSON; integer literals that do not fit a double exactly become BigInt. */
export function parseJson(text: string): unknown {
  // Fast path: with no run of SAFE_DIGITS + 1 digits anywhere (strings included) no literal can be long.
  if (!LONG_DIGIT_RUN.test(text)) return JSON.parse(text);
  const marked = markBigIntegers(text);
  if (marked === text) return JSON.parse(text);
  return JSON.parse(marked, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(BIG_MARKER) ? toInteger(value.slice(BIG_MARKER.length)) : value,
  );
}

function toInteger(digits: string): number | bigint {
  const big = BigInt(digits);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Wraps long integer literals (outside strings) in marker strings so JSON.parse cannot round them. */
function markBigIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 34 /* " */) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 /* \ */ ? 2 : 1;
      i++;
      continue;
    }
    if (ch === 45 /* - */ || (ch >= 48 && ch <= 57)) {
      const start = i;
      i++;
      while (i < text.length && /[0-9eE.+-]/.test(text[i] ?? '')) i++;
      const literal = text.slice(start, i);
      const digitCount = literal.replace('-', '').length;
      if (digitCount > SAFE_DIGITS && /^-?\d+$/.test(literal)) {
        out += `${text.slice(last, start)}"${ESCAPED_MARKER}${literal}"`;
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Serialises JSON; BigInt values are written as bare integer literals. */
export function stringifyJson(value: unknown): string {
  // Fast path: a replacer function slows JSON.stringify several times over, and without one
  // JSON.stringify throws on the first BigInt, so only values that hold one pay for the replacer.
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
  let sawBigInt = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'bigint') return v;
    sawBigInt = true;
    return `${BIG_MARKER}${v.toString()}`;
  });
  if (!sawBigInt) return text;
  return text.replace(new RegExp(`"${escapeRegExp(ESCAPED_MARKER)}(-?\\d+)"`, 'g'), '$1');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
