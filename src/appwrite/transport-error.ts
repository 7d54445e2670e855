import { CrmSchemaError } from '../errors.js';

/**
 * A request that got no HTTP answer at all. fetch reports all of these as `TypeError: fetch failed`
 * with the reason buried in `cause` (sometimes an AggregateError, one error per address tried), so
 * the user saw a stack instead of "connection refused". This names the cause and decides whether
 * another attempt could help.
 */
export type TransportKind = 'refused' | 'dns' | 'tls' | 'timeout' | 'blocked-port' | 'dropped';

export interface TransportFailure {
  readonly kind: TransportKind;
  /** The system or undici code, e.g. ECONNREFUSED; 'TimeoutError' for our own deadline. */
  readonly code: string;
  /** A name that does not resolve or a certificate that is refused will not change by retrying. */
  readonly retryable: boolean;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
const TIMEOUT_CODES = new Set(['TimeoutError', 'AbortError', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_|EPROTO$|HOSTNAME_MISMATCH)/;
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** undefined: not a transport failure (an HTTP answer, or a bug of ours). */
export function classifyTransportFailure(error: unknown): TransportFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const fetchFailed = error instanceof TypeError && /fetch failed/i.test(error.message);
  const aborted = error.name === 'TimeoutError' || error.name === 'AbortError';
  const systemError = typeof (error as NodeJS.ErrnoException).syscall === 'string';
  if (!fetchFailed && !aborted && !systemError) return undefined;
  // fetch refuses the ports browsers block (9, 25, 6000, ...) before connecting, with no code.
  if (error.cause instanceof Error && error.cause.message === 'bad port') return { kind: 'blocked-port', code: 'BAD_PORT', retryable: false };
  const code = findCode(error, 0);
  if (code === undefined) return { kind: 'dropped', code: 'UNKNOWN', retryable: true };
  if (REFUSED_CODES.has(code)) return { kind: 'refused', code, retryable: true };
  // EAI_AGAIN is the resolver failing for now, not the name being unknown.
  if (DNS_CODES.has(code)) return { kind: 'dns', code, retryable: code === 'EAI_AGAIN' };
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', code, retryable: true };
  if (TLS_CODE.test(code)) return { kind: 'tls', code, retryable: false };
  return { kind: 'dropped', code, retryable: true };
}

/** The first error code in the cause chain (and inside AggregateErrors); DOMException names count. */
function findCode(error: unknown, depth: number): string | undefined {
  if (depth > 8 || typeof error !== 'object' || error === null) return undefined;
  const { code, name, cause, errors } = error as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  if (name === 'TimeoutError' || name === 'AbortError') return name;
  for (const inner of Array.isArray(errors) ? errors : []) {
    const found = findCode(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return findCode(cause, depth + 1);
}

const EXPLANATION: Readonly<Record<TransportKind, string>> = {
  refused: 'connection refused (is Appwrite running there, and is the port right?)',
  dns: 'the host name does not resolve (check the endpoint for typos)',
  tls: 'the TLS handshake failed (certificate not trusted, expired or for another host; or http vs https)',
  timeout: 'no answer in time (the host may drop packets, or the server hangs; see --timeout)',
  'blocked-port': 'fetch refuses to connect to this port (one of the ports browsers block as unsafe; no HTTP service runs there)',
  dropped: 'the connection was closed before an answer',
};

/** The one-line user error for a request that never got an answer, after any retries. */
export function unreachableError(endpoint: string, failure: TransportFailure, attempts: number, cause: unknown): CrmSchemaError {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  return new CrmSchemaError('unreachable', `cannot reach Appwrite at ${endpoint}: ${EXPLANATION[failure.kind]} [${failure.code}]${tries}`, {
    details: { endpoint, cause: failure.kind, systemCode: failure.code, attempts },
    cause,
  });
}
