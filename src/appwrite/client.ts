import { AppwriteException, Client } from 'node-appwrite';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { CrmSchemaError } from '../errors.js';
import { DEFAULT_RETRY, isRetryable, retryDelayMs, type FailureInfo, type RetryPolicy } from './retry.js';
import { classifyTransportFailure, unreachableError } from './transport-error.js';
import { notAppwriteError } from './not-appwrite.js';

/** Response headers of one attempt that the retry decision needs. */
interface AttemptHeaders {
  status?: number;
  contentType?: string;
  rateLimitReset?: number;
  /** When this attempt must give up (the request's --timeout deadline). */
  deadline?: number;
}

/**
 * Until the server has answered once, a refused connection is most likely a wrong endpoint, not a
 * blip: a couple of quick attempts, instead of the full budget of a run that lost its server midway.
 * (A dropped connection means something listens there, so it keeps the full budget.)
 */
const FIRST_CONTACT_ATTEMPTS = 3;

export interface GatewayClientOptions {
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: string;
  readonly retry?: RetryPolicy;
  /**
   * HTTP requests in flight at once (default 8). Bounded here, per request, rather than per operation:
   * an operation waiting for Appwrite's worker holds no slot, so the worker's queue never runs dry.
   */
  readonly maxInFlight?: number;
  /** One request, all its attempts included, gives up after this long (default 600 s: --timeout). */
  readonly timeoutMs?: number;
  /** Called before each retry; for progress output. Never receives secrets. */
  readonly onRetry?: (info: { method: string; path: string; attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * node-appwrite's Client with two additions every caller needs: a request counter (the plan's cost
 * is part of its contract) and retries of transient failures in one place, below every service.
 */
export class GatewayClient extends Client {
  requestCount = 0;
  readonly #retry: RetryPolicy;
  readonly #onRetry: GatewayClientOptions['onRetry'];
  #nextAttempt: AttemptHeaders | undefined;
  readonly #slots: Slots;
  readonly #timeoutMs: number;
  /** Set once any HTTP answer arrived: the endpoint is right, later connection failures are blips. */
  #answered = false;

  constructor(options: GatewayClientOptions) {
    super();
    this.setEndpoint(options.endpoint).setProject(options.projectId).setKey(options.apiKey);
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#timeoutMs = options.timeoutMs ?? 600_000;
    this.#onRetry = options.onRetry;
    this.#slots = new Slots(options.maxInFlight ?? 8);
  }

  override async call(
    method: string,
    url: URL,
    headers?: Parameters<Client['call']>[2],
    params?: Parameters<Client['call']>[3],
    responseType?: string,
  ): Promise<any> {
    const deadline = Date.now() + this.#timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const seen: AttemptHeaders = { deadline };
      await this.#slots.acquire();
      this.#nextAttempt = seen;
      this.requestCount++;
      let caught: unknown;
      try {
        // prepareRequest appends GET params to the URL it is given, so each attempt gets a fresh copy.
        const result: unknown = await super.call(method, new URL(url.toString()), headers, params, responseType);
        if (answeredLikeAppwrite(seen, responseType)) return result;
      } catch (error) {
        caught = error;
      } finally {
        this.#slots.release();
        if (seen.status !== undefined) this.#answered = true;
      }
      const transport = classifyTransportFailure(caught);
      // Not Appwrite's JSON: final, unless it is a proxy's 5xx/429/408 in front of a restarting Appwrite.
      const foreign = seen.status !== undefined && !answeredLikeAppwrite(seen, responseType);
      const failure = transport !== undefined ? {} : foreign ? { status: seen.status } : describeFailure(caught, seen);
      const limit = transport?.kind === 'refused' && !this.#answered ? FIRST_CONTACT_ATTEMPTS : this.#retry.attempts;
      const delayMs = failure === undefined ? 0 : retryDelayMs(attempt, failure, this.#retry);
      const retry = failure !== undefined && isRetryable(failure) && (transport?.retryable ?? true) &&
        attempt + 1 < limit && Date.now() + delayMs < deadline;
      if (!retry) {
        if (transport !== undefined) throw unreachableError(this.config.endpoint, transport, attempt + 1, caught);
        if (foreign) throw notAppwriteError(this.config.endpoint, method, url, seen);
        throw asTargetError(caught);
      }
      const reason = transport === undefined ? reasonText(failure) : `connection failed: ${transport.kind}, ${transport.code}`;
      this.#onRetry?.({ method, path: url.pathname, attempt: attempt + 1, delayMs, reason });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  override prepareRequest(...args: Parameters<Client['prepareRequest']>): ReturnType<Client['prepareRequest']> {
    const prepared = super.prepareRequest(...args);
    // prepareRequest runs synchronously at the start of call(), so the holder belongs to this attempt.
    const holder = this.#nextAttempt;
    if (holder !== undefined) {
      const options = prepared.options as { dispatcher?: Dispatcher; signal?: AbortSignal };
      options.dispatcher = recordingDispatcher(holder);
      // Covers connecting, waiting for headers and reading the body: --timeout holds for all three.
      if (holder.deadline !== undefined) options.signal = AbortSignal.timeout(Math.max(1, holder.deadline - Date.now()));
    }
    return prepared;
  }
}

/** A counting semaphore: at most `size` holders; waiters are served first come, first served. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = Math.max(1, Math.floor(size));
  }

  acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#free++;
    else next();
  }
}

function recordingDispatcher(holder: AttemptHeaders): Dispatcher {
  return getGlobalDispatcher().compose((dispatch) => (options, handler) =>
    dispatch(options, observeHeaders(handler, (statusCode, rawHeaders) => {
      holder.status = statusCode;
      holder.contentType = readHeader(rawHeaders, 'content-type');
      const reset = Number(readHeader(rawHeaders, 'x-ratelimit-reset'));
      holder.rateLimitReset = Number.isFinite(reset) && readHeader(rawHeaders, 'x-ratelimit-reset') !== undefined ? reset : undefined;
    })),
  );
}

/** Wraps undici's handler (a class instance: its methods live on the prototype) to peek at headers. */
function observeHeaders(handler: Dispatcher.DispatchHandlers, peek: (statusCode: number, rawHeaders: Buffer[]) => void): Dispatcher.DispatchHandlers {
  return new Proxy(handler, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'onHeaders' && typeof value === 'function') {
        return (statusCode: number, rawHeaders: Buffer[], ...rest: unknown[]) => {
          peek(statusCode, rawHeaders);
          return (value as (...args: unknown[]) => boolean).call(target, statusCode, rawHeaders, ...rest);
        };
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function readHeader(rawHeaders: Buffer[], name: string): string | undefined {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toString('latin1').toLowerCase() === name) return rawHeaders[i + 1]?.toString('latin1');
  }
  return undefined;
}

/** Appwrite answers every JSON route with JSON, errors included; an HTML page means another server. */
function answeredLikeAppwrite(seen: AttemptHeaders, responseType: string | undefined): boolean {
  if (seen.status === undefined || (responseType !== undefined && responseType !== 'json')) return true;
  if (seen.status === 204) return true;
  return seen.contentType?.includes('application/json') ?? false;
}

/**
 * A wrong key, project or scope is a configuration mistake, not a bug: it becomes a user error (one
 * line, no stack) that says what to check. The key itself is never part of the message.
 */
function asTargetError(error: unknown): unknown {
  if (!(error instanceof AppwriteException)) return error;
  const refused = error.code === 401 || error.code === 403;
  if (!refused && !(error.code === 404 && error.type === 'project_not_found')) return error;
  const what = refused ? 'the API key (APPWRITE_API_KEY or --api-key-file) and its scopes' : 'the project id (APPWRITE_PROJECT_ID or --project)';
  return new CrmSchemaError('config', `Appwrite refused the request (${error.code} ${error.type}): ${error.message}; check ${what}`, {
    cause: error,
  });
}

/** undefined = not a failure we know how to judge (a bug in our code): never retried. */
function describeFailure(error: unknown, seen: AttemptHeaders): FailureInfo | undefined {
  if (error instanceof AppwriteException) {
    // The SDK reports a transport failure as an exception without an HTTP code.
    if (!error.code) return {};
    return { status: error.code, type: error.type, rateLimitReset: seen.rateLimitReset };
  }
  if (error instanceof TypeError || (error as NodeJS.ErrnoException | undefined)?.code !== undefined) return {};
  return undefined;
}

function reasonText(failure: FailureInfo): string {
  if (failure.status === undefined) return 'connection failed';
  return failure.type ? `${failure.status} ${failure.type}` : String(failure.status);
}
