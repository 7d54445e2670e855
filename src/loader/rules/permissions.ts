/** Permission string syntax (api-facts §6.1) for table permissions and row-permission templates. */
import { MAX_PERMISSIONS } from '../../model/limits.js';
import { problemAt, type NodePath, type PathProblem } from '../problem.js';

const ACTIONS = ['create', 'read', 'update', 'delete', 'write'] as const;
const PERMISSION = /^([a-z]+)\("([^"]*)"\)$/;
const ID = '[A-Za-z0-9][A-Za-z0-9._-]{0,35}';
const ROLES: readonly RegExp[] = [
  /^(any|guests|users|users\/verified|users\/unverified)$/,
  new RegExp(`^user:${ID}(/verified|/unverified)?$`),
  new RegExp(`^team:${ID}(/[A-Za-z0-9._-]{1,36})?$`),
  new RegExp(`^member:${ID}$`),
  new RegExp(`^label:${ID}$`),
];
/** Appwrite only lets users carry alphanumeric labels, so any other label role can never match. */
const LABEL = /^label:(.*)$/;
const LABEL_VALUE = /^[A-Za-z0-9]{1,36}$/;
const PLACEHOLDER = /\{([^{}]*)\}/g;
const ROLE_HINT = 'roles: any, guests, users[/verified|/unverified], user:<id>, team:<id>[/<role>], member:<id>, label:<label>';

export function checkTablePermissions(permissions: readonly string[]): PathProblem[] {
  const problems: PathProblem[] = [];
  permissions.forEach((permission, i) => {
    const at = ['permissions', i];
    if (/\{[^{}]*\}/.test(permission)) {
      problems.push(problemAt(at, 'permission-placeholder', `table permission "${permission}" contains a {placeholder}`, 'placeholders belong in rowPermissions, which the application fills per row'));
      return;
    }
    problems.push(...checkPermission(permission, at, permission));
  });
  problems.push(...checkListLimits(permissions, 'permissions'));
  return problems;
}

export function checkRowPermissions(templates: readonly string[], columnKeys: ReadonlySet<string>): PathProblem[] {
  const problems: PathProblem[] = [];
  templates.forEach((template, i) => {
    const at = ['rowPermissions', i];
    for (const match of template.matchAll(PLACEHOLDER)) {
      const name = match[1] ?? '';
      if (!columnKeys.has(name)) {
        problems.push(problemAt(at, 'row-permission-placeholder', `row permission "${template}" refers to unknown column {${name}}`, 'a placeholder must name a column of this table'));
        return;
      }
    }
    // Substitute a valid id so the rest of the string is checked like a real permission.
    const concrete = template.replace(PLACEHOLDER, 'x');
    if (concrete.startsWith('create(')) {
      problems.push(problemAt(at, 'row-permission-create', `row permission "${template}" uses create`, 'rows cannot carry create; grant create on the table instead'));
      return;
    }
    problems.push(...checkPermission(concrete, at, template));
  });
  problems.push(...checkListLimits(templates, 'rowPermissions'));
  return problems;
}

function checkPermission(permission: string, at: NodePath, shown: string): PathProblem[] {
  if (permission.trim() === '*' || permission.includes('"*"')) {
    return [problemAt(at, 'permission-wildcard', `permission "${shown}" uses the wildcard "*"`, 'Appwrite: Wildcard permission "*" has been replaced. Use "any" instead.')];
  }
  if (permission.includes('role:')) {
    return [problemAt(at, 'permission-role-deprecated', `permission "${shown}" uses the removed "role:" syntax`, 'Appwrite replaced role: roles; use label:<name> for user labels (e.g. label:superadmin; labels are alphanumeric), or users / any / guests')];
  }
  const match = PERMISSION.exec(permission);
  if (match === null) {
    return [problemAt(at, 'permission-format', `permission "${shown}" is not of the form action("role")`, 'e.g. read("users") or update("label:super_admin")')];
  }
  const [, action = '', role = ''] = match;
  if (!(ACTIONS as readonly string[]).includes(action)) {
    return [problemAt(at, 'permission-action', `unknown permission action "${action}"`, `actions: ${ACTIONS.join(', ')}`)];
  }
  if (!ROLES.some((pattern) => pattern.test(role))) {
    return [problemAt(at, 'permission-role', `unknown or malformed role "${role}"`, ROLE_HINT)];
  }
  const label = LABEL.exec(role)?.[1];
  if (label !== undefined && !LABEL_VALUE.test(label)) {
    return [
      problemAt(at, 'permission-label-format', `label "${label}" can never match a user`, `Appwrite user labels are 1-36 chars of A-Z, a-z, 0-9 (no _ or -), e.g. label:${label.replace(/[^A-Za-z0-9]/g, '')}`),
    ];
  }
  return [];
}

function checkListLimits(list: readonly string[], field: string): PathProblem[] {
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (seen.has(entry)) problems.push(problemAt([field, i], 'permission-duplicate', `permission "${entry}" is listed twice`));
    seen.add(entry);
  });
  if (list.length > MAX_PERMISSIONS) {
    problems.push(problemAt([field, MAX_PERMISSIONS], 'permission-count', `${list.length} permissions; Appwrite allows at most ${MAX_PERMISSIONS}`));
  }
  return problems;
}
