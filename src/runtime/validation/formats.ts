/**
 * Formats Appwrite checks on write (url, email, datetime), checked here first so that bad input is
 * reported with every other problem at once and nothing is sent.
 */

// The shape Appwrite's email validator accepts in practice: one @, no spaces, a dotted domain.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && !value.includes('..');
}

/** Close to PHP's FILTER_VALIDATE_URL: a scheme, a host, no spaces. */
export function isUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) && url.hostname !== '' && !url.hostname.includes('..');
  } catch {
    return false;
  }
}

/** Appwrite accepts any parseable date between the years 1000 and 9999. */
export function isDatetime(value: string): boolean {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= 1000 && year <= 9999;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIp(value: string): boolean {
  if (IPV4.test(value)) return true;
  try {
    return value.includes(':') && new URL(`http://[${value}]/`).hostname !== '';
  } catch {
    return false;
  }
}
