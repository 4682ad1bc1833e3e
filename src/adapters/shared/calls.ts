import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** `add` in `queue.add(...)`, `addJob` in `addJob(...)`: the name kinds select calls by before reading them. */
export function getCallName(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

/** A handler of calls that reads only calls of these names: every other call is skipped at once. */
export function onCallsNamed(names: Iterable<string>, read: (node: TSESTree.CallExpression) => void): (node: TSESTree.CallExpression) => void {
  const wanted = new Set(names);
  return (node) => {
    const name = getCallName(node);
    if (name !== undefined && wanted.has(name)) read(node);
  };
}
