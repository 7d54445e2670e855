import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../auth/index.js';
import type { Params } from '../params.js';
import { boolParam, queriesParam, textParam } from '../params.js';
import { createJwt, createUser, requireUser, updateLabels, USER_LIST, userModel, userNotFound } from '../auth/user-service.js';
import { listMeta } from './list-meta.js';
import { authOf, sendJson } from './app.js';

/** `/v1/users` (node-appwrite `Users`): key-only, enforced by the request hook like every non-row route. */
export function registerUserRoutes(app: FastifyInstance, auth: AuthService): void {
  const users = auth.users;
  const params = (value: unknown): Params => (value && typeof value === 'object' ? (value as Params) : {});

  // The caller's own account (Appwrite's GET /v1/account, MODEL_ACCOUNT: the user model without
  // password and hash). The request hook has already refused guests and keys.
  app.get('/v1/account', async (request, reply) => {
    const caller = authOf(request).caller;
    if (caller.kind !== 'user') throw userNotFound();
    return sendJson(reply, 200, userModel(requireUser(users, caller.userId)));
  });
  app.post('/v1/users', async (request, reply) => sendJson(reply, 201, userModel(createUser(users, params(request.body)))));
  app.get('/v1/users', async (request, reply) => {
    const query = params(request.query);
    const { total, items } = listMeta(users.list(), queriesParam(query), USER_LIST, {
      search: textParam(query, 'search', { required: false, max: 256 }),
      total: boolParam(query, 'total', true),
    });
    return sendJson(reply, 200, { total, users: items.map(userModel) });
  });
  app.get<{ Params: { userId: string } }>('/v1/users/:userId', async (request, reply) =>
    sendJson(reply, 200, userModel(requireUser(users, request.params.userId))),
  );
  app.delete<{ Params: { userId: string } }>('/v1/users/:userId', async (request, reply) => {
    if (!users.delete(request.params.userId)) throw userNotFound();
    return reply.code(204).send();
  });
  app.put<{ Params: { userId: string } }>('/v1/users/:userId/labels', async (request, reply) =>
    sendJson(reply, 200, userModel(updateLabels(users, request.params.userId, params(request.body)))),
  );
  app.post<{ Params: { userId: string } }>('/v1/users/:userId/jwts', async (request, reply) =>
    sendJson(reply, 201, createJwt(users, auth.jwt, request.params.userId, params(request.body))),
  );
}
