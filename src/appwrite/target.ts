import { readFileSync } from 'node:fs';
import { CrmSchemaError } from '../errors.js';
import { isCi } from '../ci.js';
import { Secret } from './secret.js';

export interface TargetFlags {
  readonly endpoint?: string;
  readonly project?: string;
  readonly apiKeyFile?: string;
  readonly local?: boolean;
}

export interface RemoteTarget {
  readonly kind: 'remote';
  readonly endpoint: string;
  readonly projectId: string;
  readonly apiKey: Secret;
}

export interface LocalTarget {
  readonly kind: 'local';
  /** Why the local server was chosen: asked for with --local, or nothing else was configured. */
  readonly reason: 'flag' | 'default';
}

export type Target = RemoteTarget | LocalTarget;

/**
 * Decides where to connect: flags win over APPWRITE_* variables. With nothing configured, a
 * developer gets the embedded local server; CI gets an error, because silently provisioning a
 * throw-away database in a pipeline would hide a missing secret.
 */
export function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv): Target {
  if (flags.local) return { kind: 'local', reason: 'flag' };
  const endpoint = flags.endpoint ?? nonEmpty(env.APPWRITE_ENDPOINT);
  const projectId = flags.project ?? nonEmpty(env.APPWRITE_PROJECT_ID);
  const apiKey = flags.apiKeyFile !== undefined ? readKeyFile(flags.apiKeyFile) : nonEmpty(env.APPWRITE_API_KEY);

  if (endpoint === undefined && projectId === undefined && apiKey === undefined) {
    if (isCi(env)) {
      throw new CrmSchemaError(
        'config',
        'no Appwrite target configured in CI: set APPWRITE_ENDPOINT, APPWRITE_PROJECT_ID and APPWRITE_API_KEY ' +
          '(or pass --endpoint, --project, --api-key-file), or pass --local for the embedded server',
      );
    }
    return { kind: 'local', reason: 'default' };
  }
  const missing = [
    endpoint === undefined ? 'endpoint (--endpoint or APPWRITE_ENDPOINT)' : undefined,
    projectId === undefined ? 'project (--project or APPWRITE_PROJECT_ID)' : undefined,
    apiKey === undefined ? 'API key (--api-key-file or APPWRITE_API_KEY)' : undefined,
  ].filter((item): item is string => item !== undefined);
  if (missing.length > 0 || endpoint === undefined || projectId === undefined || apiKey === undefined) {
    throw new CrmSchemaError('config', `incomplete Appwrite target: missing ${missing.join(', ')}`);
  }
  return { kind: 'remote', endpoint: normalizeEndpoint(endpoint), projectId, apiKey: new Secret(apiKey) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function readKeyFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CrmSchemaError('config', `cannot read the API key file ${path} (${reason})`);
  }
  const key = text.trim();
  if (key === '') throw new CrmSchemaError('config', `the API key file ${path} is empty`);
  return key;
}

/** Accepts `https://host`, `https://host/` and `https://host/v1`; the SDK wants the `/v1` form. */
export function normalizeEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CrmSchemaError('config', `invalid Appwrite endpoint "${endpoint}": expected e.g. https://cloud.appwrite.io/v1`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith('/v1') ? path : `${path}/v1`;
  return url.toString().replace(/\/$/, '');
}
