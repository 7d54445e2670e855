import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sqlite } from '../store/open.js';
import { readProjectMeta, writeProjectMeta } from '../store/open.js';

/**
 * HS256 JWTs as Appwrite issues them from `POST /v1/users/{id}/jwts`: `exp = iat + duration`, and a token
 * is expired once `now >= exp` (adhocore/jwt without leeway), so `duration: 0` is expired at once.
 * The secret lives in the data file, so tokens survive a restart and die with the data.
 */
export interface JwtClaims {
  userId: string;
  sessionId: string;
  iat: number;
  exp: number;
}

const HEADER = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

export class JwtSigner {
  private readonly secret: Buffer;

  constructor(db: Sqlite) {
    let stored = readProjectMeta(db, 'jwt_secret');
    if (!stored) {
      stored = randomBytes(32).toString('hex');
      writeProjectMeta(db, 'jwt_secret', stored);
    }
    this.secret = Buffer.from(stored, 'hex');
  }

  sign(userId: string, sessionId: string, durationSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): string {
    const claims: JwtClaims = { userId, sessionId, iat: nowSeconds, exp: nowSeconds + durationSeconds };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${this.signature(body)}`;
  }

  /** The claims of a well-formed, correctly signed, unexpired token; undefined otherwise. */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): JwtClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header = '', payload = '', signature = ''] = parts;
    const expected = Buffer.from(this.signature(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (header !== HEADER || expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isClaims(claims) || nowSeconds >= claims.exp) return undefined;
    return claims;
  }

  private signature(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function isClaims(value: unknown): value is JwtClaims {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record['userId'] === 'string' && typeof record['sessionId'] === 'string' && typeof record['exp'] === 'number' && typeof record['iat'] === 'number';
}
