/** `app.requiredWhen` names another column of the same table: it must exist, be an enum and hold those values. */
import { problemAt, type PathProblem } from '../problem.js';
import type { RawColumn } from '../raw-types.js';

export function checkAppReferences(columns: readonly RawColumn[]): PathProblem[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  return columns.flatMap((column, i) => {
    const rule = column.app?.requiredWhen;
    if (rule === undefined) return [];
    const at = ['columns', i, 'app', 'requiredWhen'];
    const other = byKey.get(rule.column);
    if (other === undefined || other.key === column.key) {
      return [problemAt([...at, 'column'], 'app-required-when-column', `app.requiredWhen names unknown column "${rule.column}"`, 'name another column of this table')];
    }
    if (other.type !== 'enum') {
      return [problemAt([...at, 'column'], 'app-required-when-column', `app.requiredWhen needs an enum column, "${rule.column}" is ${other.type}`)];
    }
    const elements = new Set((other.elements ?? []).map((element) => element.value));
    return rule.in.flatMap((value, j) =>
      elements.has(value)
        ? []
        : [problemAt([...at, 'in', j], 'app-required-when-value', `"${value}" is not an element of enum column "${rule.column}"`)],
    );
  });
}
