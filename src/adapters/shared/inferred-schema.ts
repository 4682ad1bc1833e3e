/** The zod schema a type stands for when it is written as the schema's inferred type. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { getEntityPath } from './syntax.js';

const ZOD_INFERENCES = new Set(['infer', 'input', 'output', 'TypeOf']);

/** `z.infer<typeof Schema>` (and `z.input`, `z.output`, `z.TypeOf`, `Zod.infer<typeof ns.Schema>`): the schema's reference path. */
export function getInferredSchemaPath(node: TSESTree.TypeNode): string[] | undefined {
  if (node.type !== 'TSTypeReference' || node.typeName.type !== 'TSQualifiedName' || node.typeName.left.type !== 'Identifier') return undefined;
  if (!ZOD_INFERENCES.has(node.typeName.right.name)) return undefined;
  const argument = node.typeArguments?.params[0];
  if (argument?.type !== 'TSTypeQuery' || node.typeArguments!.params.length !== 1) return undefined;
  return getEntityPath(argument.exprName);
}
