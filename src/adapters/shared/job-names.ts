/**
 * How a processor names its job, the job's name and its data: the job parameter (`job`,
 * `bullJob`, typed `Job<Data>`) or a destructured `{ name, data }`, and the aliases made from them.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isNamedMember, type Node } from './syntax.js';

/** How the processor names the job and its data: `job.name` / `job.data`, or destructured `name` / `data`. */
export interface JobNames {
  job?: string;
  name: Set<string>;
  data: Set<string>;
}

/**
 * The processor's job parameter: named like a job (`job`, `bullJob`) or typed as one (`Job`,
 * `Job<Data>`, `Bull.Job`), or destructured with its `name` (`{ name, data }`). Other functions
 * (`visit(node)`, whose `node.name` is no job's) are not read for a dispatch.
 */
export function getJobNames(param: TSESTree.Parameter | undefined): JobNames | undefined {
  if (!param) return undefined;
  if (param.type === 'Identifier') return isJobLike(param) ? { job: param.name, name: new Set(), data: new Set() } : undefined;
  if (param.type !== 'ObjectPattern') return undefined;
  const names: JobNames = { name: new Set(), data: new Set() };
  addPatternNames(param, names);
  return names.name.size > 0 && (names.data.size > 0 || isJobLike(param)) ? names : undefined;
}

function isJobLike(param: TSESTree.Identifier | TSESTree.ObjectPattern): boolean {
  if (param.type === 'Identifier' && /job/i.test(param.name)) return true;
  const annotation = param.typeAnnotation?.typeAnnotation;
  if (annotation?.type !== 'TSTypeReference') return false;
  const name = annotation.typeName.type === 'TSQualifiedName' ? annotation.typeName.right.name : annotation.typeName.type === 'Identifier' ? annotation.typeName.name : '';
  return /Job/.test(name);
}

/** `{ name, data }` or `{ name: jobName, data: payload }` taken from the job. */
export function addPatternNames(pattern: TSESTree.ObjectPattern, names: JobNames): void {
  for (const property of pattern.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier' || property.value.type !== 'Identifier') continue;
    if (property.key.name === 'name') names.name.add(property.value.name);
    if (property.key.name === 'data') names.data.add(property.value.name);
  }
}

export function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  while (current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSSatisfiesExpression' || current.type === 'AwaitExpression' || current.type === 'ChainExpression') {
    current = current.type === 'AwaitExpression' ? current.argument : current.expression;
  }
  return current;
}

export function isJobMember(node: Node, names: JobNames, key: 'name' | 'data'): boolean {
  const target = unwrap(node as TSESTree.Expression);
  if (target.type === 'Identifier') return names[key].has(target.name);
  return names.job !== undefined && isNamedMember(target, names.job, key);
}

export function isJobName(node: Node, names: JobNames): boolean {
  return isJobMember(node, names, 'name');
}

export function isJobData(node: Node, names: JobNames): boolean {
  return isJobMember(node, names, 'data');
}

export function getCall(node: TSESTree.Expression): TSESTree.CallExpression | undefined {
  const target = unwrap(node);
  return target.type === 'CallExpression' ? target : undefined;
}

export function getChildren(node: Node): Node[] {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) for (const item of value) if (item && typeof item.type === 'string') children.push(item as Node);
    if (value && typeof value === 'object' && typeof (value as Node).type === 'string') children.push(value as Node);
  }
  return children;
}

export function isFunctionLike(node: Node): boolean {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionDeclaration';
}
