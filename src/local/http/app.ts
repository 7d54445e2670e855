import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { LocalApiError } from '../errors.js';
import { parseJson, stringifyJson } from '../json-codec.js';
import { parseQueryString } from './query-string.js';
import { LEGACY, TABLESDB, toLegacyError, type Facade } from './facade.js';
import type { LocalProject } from '../project.js';
import type { Params } from '../params.js';
import type { RowFormat } from '../rows/codec.js';
import { GUEST_CALLER, type AuthService, type RequestAuth } from '../auth/index.js';

export const SERVER_VERSION = '1.9.6';

export interface Handled {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestContext {
  path: Record<string, string>;
  /** Query string for GET, JSON body otherwise. */
  params: Params;
  facade: Facade;
  project: LocalProject;
  rowFormat: RowFormat;
  /** The caller (key, JWT user or guest) and X-Appwrite-Timestamp. */
  auth: RequestAuth;
}

export type Handler = (ctx: RequestContext) => Handled;
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AppOptions {
  project: LocalProject;
  apiKey: string;
  auth: AuthService;
  logger: boolean;
}

const requestAuth = new WeakMap<FastifyRequest, RequestAuth>();

/** Fastify with Appwrite's wire conventions: int64-safe JSON, `queries[N]` arrays, Appwrite error bodies. */
export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: 64 * 1024 * 1024,
    routerOptions: { querystringParser: parseQueryString },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, {});
    try {
      done(null, parseJson(text));
    } catch {
      done(new LocalApiError(400, 'general_argument_invalid', 'Invalid JSON body.'), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const url = request.url;
    const guarded = [TABLESDB.prefix, LEGACY.prefix, '/v1/users', '/v1/account'];
    if (!guarded.some((prefix) => url.startsWith(prefix))) return undefined;
    const failure = checkAccess(request, options);
    if (failure) return sendError(reply, failure, facadeOf(url));
    const routeTemplate = request.routeOptions.url;
    if (routeTemplate === undefined) return undefined;
    requestAuth.set(request, options.auth.authenticate({
      method: request.method,
      routeTemplate,
      ip: request.ip,
      hostname: request.hostname,
      header: (name) => header(request, name),
      setHeader: (name, value) => void reply.header(name, value),
    }));
    return undefined;
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof LocalApiError) return sendError(reply, error, facadeOf(request.url));
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return sendError(reply, new LocalApiError(400, 'general_argument_invalid', error instanceof Error ? error.message : String(error)), facadeOf(request.url));
    }
    request.log.error(error);
    return sendError(reply, new LocalApiError(500, 'general_unknown', 'Server Error'), facadeOf(request.url));
  });

  app.setNotFoundHandler((request, reply) => {
    if (!request.url.startsWith('/v1')) {
      return reply.code(404).type('text/html').send('<html><body><h1>404 Not Found</h1></body></html>');
    }
    return sendError(reply, new LocalApiError(404, 'general_route_not_found', 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.'), undefined);
  });

  app.get('/v1/health/version', async (_request, reply) => sendJson(reply, 200, { version: SERVER_VERSION }));
  return app;
}

/** The caller of a request, for handlers registered outside addRoute (transactions). */
export function authOf(request: FastifyRequest): RequestAuth {
  return requestAuth.get(request) ?? { caller: GUEST_CALLER, timestamp: undefined };
}

function facadeOf(url: string): Facade | undefined {
  if (url.startsWith(LEGACY.prefix)) return LEGACY;
  if (url.startsWith(TABLESDB.prefix)) return TABLESDB;
  return undefined;
}

/** The project header; who the caller is and what it may do is the AuthService's job. */
function checkAccess(request: FastifyRequest, options: AppOptions): LocalApiError | undefined {
  const project = header(request, 'x-appwrite-project');
  // Appwrite's words (app/controllers/general.php): no header means the console project.
  if (!project) {
    return new LocalApiError(401, 'general_access_forbidden', 'No Appwrite project was specified. Please specify your project ID when initializing your Appwrite SDK.');
  }
  if (project === 'console') {
    return new LocalApiError(401, 'general_access_forbidden', 'This endpoint is not available for the console project. The Appwrite Console is a reserved project ID and cannot be used with the Appwrite SDKs and APIs. Please check if your project ID is correct.');
  }
  if (project !== options.project.projectId) {
    return new LocalApiError(404, 'project_not_found', 'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.');
  }
  return undefined;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function rowFormatOf(request: FastifyRequest, facade: Facade): RowFormat {
  const format = header(request, 'x-appwrite-response-format');
  return { sequenceAsString: format === undefined || compareVersions(format, '1.9.0') >= 0, tableField: facade.tableField };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).type('application/json').send(stringifyJson(body));
}

function sendError(reply: FastifyReply, error: LocalApiError, facade: Facade | undefined): FastifyReply {
  const shown = facade?.name === 'legacy' ? toLegacyError(error) : error;
  return reply
    .code(shown.status)
    .header('cache-control', 'no-cache, no-store, must-revalidate')
    .type('application/json')
    .send(stringifyJson({ message: shown.message, code: shown.status, type: shown.type, version: SERVER_VERSION }));
}

/** Registers one handler; GET reads the query string, other methods the JSON body. */
export function addRoute(app: FastifyInstance, project: LocalProject, facade: Facade, method: RouteMethod, path: string, handler: Handler): void {
  app.route({
    method,
    url: `${facade.prefix}${path}`,
    handler: async (request, reply) => {
      const params = (method === 'GET' ? request.query : request.body) as Params | undefined;
      const result = handler({
        path: request.params as Record<string, string>,
        params: params && typeof params === 'object' ? params : {},
        facade,
        project,
        rowFormat: rowFormatOf(request, facade),
        auth: requestAuth.get(request) ?? { caller: GUEST_CALLER, timestamp: undefined },
      });
      if (result.headers) reply.headers(result.headers);
      if (result.status === 204) return reply.code(204).send();
      return sendJson(reply, result.status, result.body);
    },
  });
}
