/**
 * Appwrite stores datetimes in UTC and returns them as `YYYY-MM-DDTHH:MM:SS.mmm+00:00`. Inputs may be
 * anything PHP's DateTime parses; we accept ISO 8601 / RFC 3339 forms with or without a time, a `T`
 * or a space, and a `Z` or numeric offset (no offset = UTC), years 1000..9999.
 */
const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The last input and its result: a write validates a datetime and then encodes the same value. */
let lastNormalized: { input: string; output: string | undefined } = { input: '', output: undefined };

export function normalizeDatetime(input: string): string | undefined {
  if (input !== lastNormalized.input) lastNormalized = { input, output: parseDatetime(input) };
  return lastNormalized.output;
}

function parseDatetime(input: string): string | undefined {
  const match = ISO_LIKE.exec(input.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = match;
  const year = Number(y);
  if (year < 1000 || year > 9999) return undefined;
  const millis = Number(frac.padEnd(3, '0').slice(0, 3));
  const offsetMinutes = parseOffset(zone);
  const utc = Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  const date = new Date(utc);
  // Reject impossible dates such as 2024-02-31 instead of letting Date roll them over.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    return undefined;
  }
  return formatUtc(utc - offsetMinutes * 60_000);
}

/** The last formatted instant: a bulk write stamps many rows within the same millisecond. */
let lastFormatted = { epochMillis: Number.NaN, text: '' };

export function formatUtc(epochMillis: number): string {
  if (epochMillis !== lastFormatted.epochMillis) {
    lastFormatted = { epochMillis, text: `${new Date(epochMillis).toISOString().slice(0, 23)}+00:00` };
  }
  return lastFormatted.text;
}

export function nowUtc(): string {
  return formatUtc(Date.now());
}

function parseOffset(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}
