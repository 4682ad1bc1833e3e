import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** `add` in `queue.add(...)`, `addJob` in `addJob(...)`: the name kinds select calls by before reading them. */
export function getCallName(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return undefined;
}

