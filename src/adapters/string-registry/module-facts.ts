/**
 * What a registry reads of a whole module rather than of a call: a task file's default export
 * (a task directory's job), and the global interface that types payloads by wire name.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { HandlerRef, PayloadSource } from '../../model/facts.js';
import { getFunctionFact } from '../shared/functions.js';
import { getReferencePath, getSpan, isFunctionNode, type SyntaxContext } from '../shared/syntax.js';
import { getTypeSource } from '../shared/types.js';
import type { RegistryFacts } from './facts.js';
import { setOwn } from '../../model/records.js';

/** `module.exports = async (payload, helpers) => ...` or `module.exports = task`. */
export function getExportedHandler(value: TSESTree.Expression, ctx: SyntaxContext): HandlerRef | undefined {
  if (isFunctionNode(value)) return { fn: getFunctionFact('default', getSpan(value), value, ctx) };
  const path = getReferencePath(value);
  return path ? { path } : undefined;
}

/** `declare global { namespace GraphileWorker { interface Tasks { send_email: { to: string } } } }`. */
export function addDeclaredPayloads(
  node: TSESTree.TSInterfaceDeclaration,
  declarations: ReadonlyArray<{ namespace: string; interface: string }>,
  facts: RegistryFacts,
  ctx: SyntaxContext,
): void {
  const block = node.parent?.type === 'ExportNamedDeclaration' ? node.parent.parent : node.parent;
  const module = block?.type === 'TSModuleBlock' ? block.parent : undefined;
  if (module?.type !== 'TSModuleDeclaration' || module.id.type !== 'Identifier') return;
  const namespace = module.id.name;
  if (!declarations.some((declaration) => declaration.namespace === namespace && declaration.interface === node.id.name)) return;
  const payloads: Record<string, PayloadSource> = {};
  for (const member of node.body.body) {
    if (member.type !== 'TSPropertySignature' || member.computed) continue;
    const name = member.key.type === 'Identifier' ? member.key.name : member.key.type === 'Literal' ? String(member.key.value) : undefined;
    const source = name === undefined ? undefined : getTypeSource(member.typeAnnotation?.typeAnnotation, ctx);
    if (name !== undefined && source) setOwn(payloads, name, source);
  }
  (facts.declaredPayloads ??= {})[`${namespace}.${node.id.name}`] = { ...facts.declaredPayloads?.[`${namespace}.${node.id.name}`], ...payloads };
}

export function isSqlCandidate(node: TSESTree.Literal | TSESTree.TemplateLiteral, functions: readonly string[]): boolean {
  if (node.type === 'Literal') return typeof node.value === 'string' && functions.some((fn) => (node.value as string).includes(fn));
  return node.quasis.some((quasi) => functions.some((fn) => quasi.value.raw.includes(fn)));
}
