/**
 * Appwrite stores datetimes in UTC and returns them as `YYYY-MM-DDTHH:MM:SS.mmm+00:00`. It reads a
 * value with PHP's `new \DateTime($value)` in UTC (utopia-php/database Validator\Datetime and
 * DateTime::setTimezone), and its validator also wants a 4-digit year between 1000 and 9999 in the
 * text. So besides ISO 8601 it takes the forms PHP's parser knows; the local server reads the ones
 * users send: a date alone (`2024-01-15`, `2024/01/15`, American `01/15/2024`), a time after a `T` or
 * a space, seconds and fractions optional, and a zone: `Z`, an offset with or without colon (`+02`,
 * `+0200`, `+02:00`, `GMT+2`), `UTC`/`GMT`, or a zone name (`Europe/Berlin`, daylight saving
 * included). Like PHP it refuses hour 25+, minute 60+, month 13+, day 32+ (`16/01/2024` is month 16),
 * and lets a day past the month's end, hour 24 or second 60 roll over (`2024-02-30` is March 1).
 */
const DATE = String.raw`(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{4})/(\d{1,2})/(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4}))`;
const TIME = String.raw`(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`;
const ZONE = String.raw`\s*(Z|z|(?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?|UTC|GMT|[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)+|[A-Z]{3,5})`;
const PATTERN = new RegExp(`^\\s*${DATE}(?:${TIME})?(?:${ZONE})?\\s*$`);

/** The last input and its result: a write validates a datetime and then encodes the same value. */
let lastNormalized: { input: string; output: string | undefined } = { input: '', output: undefined };

export function normalizeDatetime(input: string): string | undefined {
  if (input !== lastNormalized.input) lastNormalized = { input, output: parseDatetime(input) };
  return lastNormalized.output;
}

function parseDatetime(input: string): string | undefined {
  const m = PATTERN.exec(input);
  if (!m) return undefined;
  const [year, month, day] = m[1] !== undefined ? [m[1], m[2], m[3]] : m[4] !== undefined ? [m[4], m[5], m[6]] : [m[9], m[7], m[8]];
  const [h = '0', mi = '0', s = '0', frac = ''] = [m[10], m[11], m[12], m[13]];
  const fields = [Number(year), Number(month), Number(day), Number(h), Number(mi), Number(s)] as const;
  const [y, mo, d, hh, mm, ss] = fields;
  if (y < 1000 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 24 || mm > 59 || ss > 60) return undefined;
  const wall = Date.UTC(y, mo - 1, d, hh, mm, ss, Number(frac.padEnd(3, '0').slice(0, 3)));
  const utc = toUtc(wall, m[14]);
  if (utc === undefined || utc < MIN_INSTANT || utc > MAX_INSTANT) return undefined;
  return formatUtc(utc);
}

const DAY = 86_400_000;
const MIN_INSTANT = Date.UTC(1000, 0, 1);
const MAX_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** The UTC instant of a wall-clock time read in `zone` (none = UTC, Appwrite's default zone). */
function toUtc(wall: number, zone: string | undefined): number | undefined {
  if (zone === undefined || /^(z|utc|gmt)$/i.test(zone)) return wall;
  const offset = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    return wall - (offset[1] === '-' ? -minutes : minutes) * 60_000;
  }
  const formatter = zoneFormatter(zone);
  if (!formatter) return undefined;
  // The offsets a day before and after cover any daylight-saving change at this wall time. PHP takes
  // the earlier instant when the wall time happens twice, and the offset before the change when a gap
  // skips it (02:30 on a spring-forward night is 03:30 summer time).
  const before = offsetAt(formatter, wall - DAY);
  const after = offsetAt(formatter, wall + DAY);
  const candidates = [wall - before, wall - after].filter((instant) => wall - offsetAt(formatter, instant) === instant);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}

const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function zoneFormatter(zone: string): Intl.DateTimeFormat | undefined {
  if (!formatters.has(zone)) {
    let formatter: Intl.DateTimeFormat | undefined;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      formatter = undefined;
    }
    formatters.set(zone, formatter);
  }
  return formatters.get(zone);
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(formatter: Intl.DateTimeFormat, instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts['year']!, parts['month']! - 1, parts['day']!, parts['hour']!, parts['minute']!, parts['second']!);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
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
