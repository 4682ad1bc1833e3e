import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** `add` in `queue.add`, `Worker` in `new bullmq.Worker`, `addJob` in `addJob`: the last name of what is called. */
export function getCalleeName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return undefined;
}

/** `add` in `queue.add(...)`, `addJob` in `addJob(...)`: the name kinds select calls by before reading them. */
export function getCallName(node: TSESTree.CallExpression): string | undefined {
  return getCalleeName(node.callee);
}
