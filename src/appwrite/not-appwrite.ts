import { CrmSchemaError } from '../errors.js';

/**
 * A server answered, but not as Appwrite does (an HTML page, a proxy's default site, another API):
 * usually an endpoint without its `/v1` or pointing at the wrong host. Said once, without the page.
 */
export function notAppwriteError(
  endpoint: string,
  method: string,
  url: URL,
  seen: { readonly status?: number; readonly contentType?: string },
): CrmSchemaError {
  const body = seen.contentType === undefined ? 'no content type' : seen.contentType.split(';')[0];
  return new CrmSchemaError(
    'config',
    `${endpoint} does not look like an Appwrite API endpoint: ${method.toUpperCase()} ${url.pathname} answered ` +
      `${seen.status ?? '?'} with ${body} instead of Appwrite's JSON; check the endpoint (Appwrite's ends in /v1, e.g. https://cloud.appwrite.io/v1)`,
    { details: { endpoint, status: seen.status, contentType: seen.contentType } },
  );
}

/**
 * A 404 for the database is "not created yet" only when Appwrite says so by type; any other 404
 * (a route Appwrite does not have, a JSON API that is not Appwrite) means the target is wrong, and
 * reading it as "empty" would plan to create everything.
 */
export function unexpectedNotFoundError(endpoint: string, databaseId: string, type: string, message: string): CrmSchemaError {
  const what = type === '' ? 'a 404 without an Appwrite error type' : `404 ${type}`;
  return new CrmSchemaError(
    'config',
    `${endpoint} answered ${what} for database "${databaseId}" (${message.slice(0, 120)}), where Appwrite says ` +
      `database_not_found or returns the database; check the endpoint (Appwrite's ends in /v1) and that the server is Appwrite 1.8 or later`,
    { details: { endpoint, databaseId, status: 404, type } },
  );
}
