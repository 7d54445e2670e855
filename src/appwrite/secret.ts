import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * An API key that cannot leak by accident: string conversion, JSON and util.inspect all print
 * `[redacted]`. Only `reveal()` hands the value to the SDK.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
