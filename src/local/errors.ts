/**
 * An error the local server answers with Appwrite's body `{message, code, type, version}`.
 * Every layer of src/local throws this; the HTTP layer is the only place that serialises it.
 */
export class LocalApiError extends Error {
  readonly status: number;
  readonly type: string;

  constructor(status: number, type: string, message: string) {
    super(message);
    this.name = 'LocalApiError';
    this.status = status;
    this.type = type;
  }
}

export function queryInvalid(reason: string): LocalApiError {
  return new LocalApiError(400, 'general_query_invalid', `Invalid query: ${reason}`);
}
