/**
 * Where a handler uses a payload member as a Date: `job.data.sentAt.getTime()`, `sentAt.toISOString()`
 * on a destructured parameter, `const { sentAt } = job.data; sentAt.getHours()`. A JSON queue
 * delivers a string there, and a Date method on a string throws: this is the evidence that a
 * member typed `Date` breaks, where the type alone may be a harmless lie (the handler may pass the
 * string on, or parse it with `new Date(...)`). Read from the body's text, like its fingerprint.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** Methods a Date has and a string has not: calling one on the string that arrives throws. */
const DATE_METHODS =
  'getTime|toISOString|toJSON|toDateString|toTimeString|toUTCString|toLocaleDateString|toLocaleTimeString|getTimezoneOffset|(?:get|set)(?:UTC)?(?:FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)|setTime';

const CHAIN = String.raw`[A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*`;
const USE = new RegExp(String.raw`(?<![\w$.])(${CHAIN})\s*\??\.\s*(${DATE_METHODS})\s*\(`, 'g');
const DESTRUCTURING = new RegExp(String.raw`\b(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*(?:await\s+)?(${CHAIN})`, 'g');

/** At most this many uses are kept per handler. */
const MAX_USES = 32;

/**
 * The Date method calls of a body on values that come from the handler's parameters, each as
 * the path from a parameter to the method (`job.data.sentAt.getTime`, `sentAt.getTime`).
 */
export function getDateUses(params: TSESTree.Parameter[], body: string): string[] | undefined {
  const bound = new Map<string, string>();
  for (const param of params) addBindings(param, '', bound);
  if (bound.size === 0 || !/\.\s*(?:get|set|to)[A-Z]/.test(body)) return undefined;
  for (const [, names, source] of body.matchAll(DESTRUCTURING)) {
    const path = resolvePath(source!, bound);
    if (path === undefined) continue;
    for (const entry of names!.split(',')) {
      const [key, local = key] = entry.split(':').map((part) => part.split('=')[0]!.trim());
      if (key && local && /^[A-Za-z_$][\w$]*$/.test(key) && /^[A-Za-z_$][\w$]*$/.test(local)) bound.set(local, `${path}.${key}`);
    }
  }
  const uses = new Set<string>();
  for (const [, chain, method] of body.matchAll(USE)) {
    const path = resolvePath(chain!, bound);
    if (path !== undefined) uses.add(`${path}.${method}`);
    if (uses.size >= MAX_USES) break;
  }
  return uses.size > 0 ? [...uses] : undefined;
}

/** `job.data.sentAt` with `job` a parameter: the path as written; undefined when its root is no parameter. */
function resolvePath(chain: string, bound: ReadonlyMap<string, string>): string | undefined {
  const [root, ...rest] = chain.replace(/\s+|\?/g, '').split('.');
  const base = root === undefined ? undefined : bound.get(root);
  return base === undefined ? undefined : [base, ...rest].join('.');
}

/** The names a parameter binds, each to the path it stands for: `job` to `job`, `{ data: { sentAt } }` to `data.sentAt`. */
function addBindings(node: TSESTree.Node, prefix: string, bound: Map<string, string>): void {
  switch (node.type) {
    case 'Identifier':
      bound.set(node.name, prefix || node.name);
      return;
    case 'AssignmentPattern':
      addBindings(node.left, prefix, bound);
      return;
    case 'TSParameterProperty':
      addBindings(node.parameter, prefix, bound);
      return;
    case 'ObjectPattern':
      for (const property of node.properties) {
        if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
        addBindings(property.value, prefix ? `${prefix}.${property.key.name}` : property.key.name, bound);
      }
      return;
    case 'ArrayPattern':
      // `([job]: Job[])`, a batch of one: the element stands for the job.
      if (node.elements[0]) addBindings(node.elements[0], prefix, bound);
      return;
    default:
      return;
  }
}
