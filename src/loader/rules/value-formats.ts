/** Formats Appwrite validates for defaults of email, url, ip and datetime columns (api-facts §4.5). */
import { isIP } from 'node:net';

// Mirrors the usual single-@ address check; `user@@example.com` and missing TLD dots are rejected.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

/** Close to PHP's FILTER_VALIDATE_URL: a scheme and, for hierarchical schemes, a host. */
export function isUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && (url.host !== '' || !value.includes('//'));
  } catch {
    return false;
  }
}

export function isIpAddress(value: string): boolean {
  return isIP(value) !== 0;
}

/** Parsable and within Appwrite's year range 1000..9999. */
export function isDatetime(value: string): boolean {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  const year = new Date(time).getUTCFullYear();
  return year >= 1000 && year <= 9999;
}
