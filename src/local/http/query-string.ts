/**
 * GET parameters as the SDK flattens them: `queries[0]=a&queries[1]=b` (brackets percent-encoded) or
 * `queries[]=a`. Both collect into an array; plain keys stay strings.
 */
export function parseQueryString(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const indexed = new Map<string, { index: number; order: number; value: string }[]>();
  let order = 0;
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)\[(\d*)\]$/.exec(rawKey);
    if (!match) {
      result[rawKey] = value;
      continue;
    }
    const [, name = '', position = ''] = match;
    const list = indexed.get(name) ?? [];
    list.push({ index: position === '' ? Number.MAX_SAFE_INTEGER : Number(position), order: order++, value });
    indexed.set(name, list);
  }
  for (const [name, list] of indexed) {
    result[name] = list.sort((a, b) => a.index - b.index || a.order - b.order).map((entry) => entry.value);
  }
  return result;
}
