import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SERVER_VERSION } from '../http/app.js';
import { FaultPlan, FAULT_KINDS, type Fault, type FaultKind } from './plan.js';

/**
 * Latency and fault injection as Fastify hooks, so retries and resumption are tested against real
 * sockets: a "before" fault answers (or drops) without running the handler, an "after" fault lets the
 * handler commit its effect and then replaces (or drops) the response.
 */

export interface FaultOptions {
  latencyMs: number;
  failRate: number;
  seed: number;
}

export interface FaultRecord {
  /** 1-based position among the faultable requests (every request but the health probe). */
  request: number;
  method: string;
  url: string;
  kind: FaultKind;
  timing: Fault['timing'];
}

export interface ServerStats {
  /** Requests received, the health probe included. */
  requests: number;
  faults: number;
  faultsByKind: Record<FaultKind, number>;
  faultsBefore: number;
  faultsAfter: number;
  failRate: number;
  seed: number;
  latencyMs: number;
  /** The most recent faults, oldest first (at most LOG_LIMIT). */
  log: FaultRecord[];
}

const LOG_LIMIT = 1000;
/** Clients probe the server with this route; faulting it would make a faulty server look absent. */
const NEVER_FAULTED = '/v1/health/version';
export const RATE_LIMIT = 60;

export function installFaults(app: FastifyInstance, options: FaultOptions): () => ServerStats {
  const plan = new FaultPlan({ failRate: options.failRate, seed: options.seed });
  const pendingAfter = new WeakMap<FastifyRequest, Fault>();
  const counters = { requests: 0, faultable: 0, before: 0, after: 0 };
  const byKind = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const log: FaultRecord[] = [];

  const record = (request: FastifyRequest, fault: Fault): void => {
    byKind[fault.kind]++;
    counters[fault.timing]++;
    log.push({ request: counters.faultable, method: request.method, url: request.url, ...fault });
    if (log.length > LOG_LIMIT) log.shift();
  };

  app.addHook('onRequest', async (request, reply) => {
    counters.requests++;
    if (options.latencyMs > 0) await sleep(options.latencyMs);
    if (options.failRate <= 0 || request.url.split('?')[0] === NEVER_FAULTED) return undefined;
    counters.faultable++;
    const fault = plan.next();
    if (!fault) return undefined;
    record(request, fault);
    if (fault.timing === 'after') {
      pendingAfter.set(request, fault);
      return undefined;
    }
    if (fault.kind === 'dropped') {
      reply.hijack();
      request.raw.socket.destroy();
      return reply;
    }
    return reply.code(statusOf(fault.kind)).headers(headersOf(fault.kind)).send(bodyOf(fault.kind));
  });

  // Without faults there is nothing to replace, so plain runs skip the per-response hook.
  if (options.failRate > 0) {
    app.addHook('onSend', async (request, reply: FastifyReply, payload) => {
      const fault = pendingAfter.get(request);
      if (!fault) return payload;
      pendingAfter.delete(request);
      if (fault.kind === 'dropped') {
        request.raw.socket.destroy();
        return payload;
      }
      reply.code(statusOf(fault.kind)).headers(headersOf(fault.kind));
      return bodyOf(fault.kind);
    });
  }

  return () => {
    return {
      requests: counters.requests,
      faults: counters.before + counters.after,
      faultsByKind: { ...byKind },
      faultsBefore: counters.before,
      faultsAfter: counters.after,
      failRate: options.failRate,
      seed: options.seed,
      latencyMs: options.latencyMs,
      log: [...log],
    };
  };
}

function statusOf(kind: FaultKind): number {
  switch (kind) {
    case 'server_error':
      return 500;
    case 'unavailable':
      return 503;
    case 'rate_limited':
      return 429;
    case 'dropped':
      return 500;
  }
}

function headersOf(kind: FaultKind): Record<string, string> {
  const base: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-cache, no-store, must-revalidate' };
  if (kind !== 'rate_limited') return base;
  return {
    ...base,
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': '0',
    // Unix seconds, as Appwrite; one second ahead so a client that waits for the reset is not slowed down much.
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
  };
}

function bodyOf(kind: FaultKind): string {
  const [type, message] =
    kind === 'rate_limited'
      ? ['general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded. Please try again after some time.']
      : kind === 'unavailable'
        ? ['general_server_error', 'The server is temporarily unavailable (injected fault). Please try again later.']
        : ['general_unknown', 'Server Error'];
  return JSON.stringify({ message, code: statusOf(kind), type, version: SERVER_VERSION });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
