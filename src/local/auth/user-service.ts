import { LocalApiError } from '../errors.js';
import type { Params } from '../params.js';
import { customIdParam, invalidParam, textParam } from '../params.js';
import type { UserRecord, UserStore } from './users.js';
import type { JwtSigner } from './jwt.js';

/** The Users service calls the local server supports (create, labels, JWTs), with Appwrite's validation. */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;
const LABEL = /^[A-Za-z0-9]{1,36}$/;
export const JWT_DEFAULT_SECONDS = 900;
export const JWT_MAX_SECONDS = 3600;

export const userNotFound = (): LocalApiError => new LocalApiError(404, 'user_not_found', 'User with the requested ID could not be found.');

export function requireUser(users: UserStore, id: string): UserRecord {
  const user = users.get(id);
  if (!user) throw userNotFound();
  return user;
}

export function createUser(users: UserStore, params: Params): UserRecord {
  const id = customIdParam(params, 'userId');
  const email = (textParam(params, 'email', { required: false, max: 255 }) ?? '').toLowerCase();
  if (email !== '' && !EMAIL.test(email)) throw invalidParam('email', 'Value must be a valid email address');
  const phone = textParam(params, 'phone', { required: false, max: 16 }) ?? '';
  if (phone !== '' && !PHONE.test(phone)) {
    throw invalidParam('phone', 'Phone number must start with a \'+\' can have a maximum of fifteen digits.');
  }
  const password = textParam(params, 'password', { required: false, max: 256 });
  if (password !== undefined && password.length < 8) throw invalidParam('password', 'Password must be at least 8 characters and not more than 256 characters.');
  const name = textParam(params, 'name', { required: false, max: 128 }) ?? '';
  if (users.get(id)) throw new LocalApiError(409, 'user_already_exists', 'A user with the same id, email, or phone already exists in this project.');
  if (users.emailTaken(email)) throw new LocalApiError(409, 'user_email_already_exists', 'A user with the same email already exists in the current project.');
  if (users.phoneTaken(phone)) throw new LocalApiError(409, 'user_phone_already_exists', 'A user with the same phone number already exists in the current project.');
  return users.insert({ id, name, email, phone });
}

export function updateLabels(users: UserStore, id: string, params: Params): UserRecord {
  if (!Object.hasOwn(params, 'labels')) throw new LocalApiError(400, 'general_argument_invalid', 'Param "labels" is not optional.');
  const labels = params['labels'];
  if (!Array.isArray(labels) || labels.length > 1000 || !labels.every((l) => typeof l === 'string' && LABEL.test(l))) {
    throw invalidParam('labels', 'Value must a valid array no longer than 1000 items and Value must be a valid string and at least 1 chars and no longer than 36 chars and only contain alphanumeric characters');
  }
  requireUser(users, id);
  return users.setLabels(id, [...new Set(labels as string[])])!;
}

export function createJwt(users: UserStore, jwt: JwtSigner, id: string, params: Params): { jwt: string } {
  const duration = params['duration'] ?? JWT_DEFAULT_SECONDS;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 0 || duration > JWT_MAX_SECONDS) {
    throw invalidParam('duration', 'Value must be a valid range between 0 and 3,600');
  }
  const sessionId = textParam(params, 'sessionId', { required: false, max: 36 }) ?? 'recent';
  requireUser(users, id);
  return { jwt: jwt.sign(id, sessionId, duration) };
}

/** node-appwrite's Models.User; fields a server-created user cannot have yet are empty. */
export function userModel(user: UserRecord): Record<string, unknown> {
  return {
    $id: user.id,
    $createdAt: user.createdAt,
    $updatedAt: user.updatedAt,
    name: user.name,
    registration: user.createdAt,
    status: user.status,
    labels: user.labels,
    passwordUpdate: '',
    email: user.email,
    phone: user.phone,
    emailVerification: user.emailVerification,
    phoneVerification: user.phoneVerification,
    mfa: false,
    prefs: {},
    targets: [],
    accessedAt: '',
  };
}

export const USER_LIST = {
  fields: {
    $id: (u: UserRecord) => u.id,
    name: (u: UserRecord) => u.name,
    email: (u: UserRecord) => u.email,
    phone: (u: UserRecord) => u.phone,
    status: (u: UserRecord) => u.status,
    $createdAt: (u: UserRecord) => u.createdAt,
    $updatedAt: (u: UserRecord) => u.updatedAt,
  },
  cursorField: '$id',
  cursorNoun: 'User' as const,
  searchText: (u: UserRecord) => `${u.id} ${u.name} ${u.email} ${u.phone}`,
};
