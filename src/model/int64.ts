/**
 * int64 values of bigint columns. The Model keeps them as canonical decimal strings, so they stay
 * exact in YAML, in plan JSON and on the wire (node-appwrite sends and returns BigInt for them).
 */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** The exact value of a safe integer or a decimal string within int64; undefined otherwise. */
export function int64Of(value: unknown): bigint | undefined {
  let big: bigint;
  if (typeof value === 'number' && Number.isSafeInteger(value)) big = BigInt(value);
  else if (typeof value === 'bigint') big = value;
  else if (typeof value === 'string' && /^-?\d{1,19}$/.test(value.trim())) big = BigInt(value.trim());
  else return undefined;
  return big >= INT64_MIN && big <= INT64_MAX ? big : undefined;
}

/** The canonical decimal string of an int64 value, or undefined when it is not one. */
export function int64Text(value: unknown): string | undefined {
  const big = int64Of(value);
  return big === undefined ? undefined : big.toString();
}
