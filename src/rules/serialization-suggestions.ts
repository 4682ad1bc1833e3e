/**
 * The edits no-unserializable-payload offers, read from the linted file's AST: a member typed
 * `Date` typed `string` instead (what a JSON queue delivers), `z.date()` made `z.coerce.date()`
 * (which turns the string back into a Date), and a value converted where it is enqueued
 * (`new Date()` to `new Date().toISOString()`). Suggestions, not fixes: each changes what the
 * handler receives or what the code does with it.
 */
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { TextEdit } from '../model/facts.js';
import type { Finding } from '../model/finding.js';
import type { FindingSuggestion } from './report-findings.js';

export type SerializationSuggestionId = 'typeAsString' | 'coerceDate' | 'convertValue';

export const SERIALIZATION_SUGGESTIONS: Record<SerializationSuggestionId, string> = {
  typeAsString: 'Type `{{member}}` as `string`, the ISO string that arrives, and parse it in the handler.',
  coerceDate: 'Use `z.coerce.date()`, which turns the ISO string that arrives back into a Date.',
  convertValue: 'Send `{{converted}}` instead.',
};

/** Nodes that declare one member: a property of a type or a schema, a parameter. */
const MEMBER_NODES = new Set(['TSPropertySignature', 'Property', 'Identifier', 'AssignmentPattern', 'TSParameterProperty', 'ObjectPattern']);

/** How a value of each type is sent as JSON data, written around its code. */
const CONVERSIONS: Record<string, (code: string) => string> = {
  Date: (code) => `${code}.toISOString()`,
  Map: (code) => `Object.fromEntries(${code})`,
  Set: (code) => `[...${code}]`,
  bigint: (code) => `String(${code})`,
};

export function getSerializationSuggestions(finding: Finding, sourceCode: Readonly<TSESLint.SourceCode>): FindingSuggestion<SerializationSuggestionId>[] {
  const node = getNodeAt(sourceCode, finding.span.range);
  if (!node) return [];
  if (finding.messageId === 'lostValue' || finding.messageId === 'unencodableValue') {
    const convert = CONVERSIONS[finding.data.typeName ?? ''];
    if (!convert || node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return [];
    const converted = convert(sourceCode.getText(node));
    return [{ messageId: 'convertValue', data: { converted }, edits: [{ range: node.range, text: converted }] }];
  }
  if (finding.data.typeName !== 'Date' || !MEMBER_NODES.has(node.type)) return [];
  const zodDates = findNodes(node, isZodDateCall);
  if (zodDates.length > 0) {
    return [{ messageId: 'coerceDate', edits: zodDates.map((call) => ({ range: call.callee.range, text: `${call.callee.object.name}.coerce.date` })) }];
  }
  const dates = findNodes(node, isDateReference);
  if (dates.length === 0) return [];
  const edits: TextEdit[] = dates.map((reference) => ({ range: reference.range, text: 'string' }));
  return [{ messageId: 'typeAsString', data: { member: finding.data.member ?? '' }, edits }];
}

/** The node spanning exactly `range`, the outermost of several. */
function getNodeAt(sourceCode: Readonly<TSESLint.SourceCode>, range: readonly [number, number]): TSESTree.Node | undefined {
  let node = sourceCode.getNodeByRangeIndex(range[0]) as TSESTree.Node | null;
  let match: TSESTree.Node | undefined;
  while (node && node.range[0] === range[0] && node.range[1] <= range[1]) {
    if (node.range[1] === range[1]) match = node;
    node = node.parent ?? null;
  }
  return match;
}

/** The nodes of `root`'s subtree (itself included) that pass `test`. */
function findNodes<T extends TSESTree.Node>(root: TSESTree.Node, test: (node: TSESTree.Node) => node is T): T[] {
  const found: T[] = [];
  simpleTraverse(root, {
    enter(node) {
      if (test(node)) found.push(node);
    },
  });
  return found;
}

function isDateReference(node: TSESTree.Node): node is TSESTree.TSTypeReference {
  return node.type === 'TSTypeReference' && node.typeName.type === 'Identifier' && node.typeName.name === 'Date' && !node.typeArguments;
}

type ZodDateCall = TSESTree.CallExpression & { callee: TSESTree.MemberExpression & { object: TSESTree.Identifier } };

/** `z.date()`, the zod namespace by either of its usual names. */
function isZodDateCall(node: TSESTree.Node): node is ZodDateCall {
  if (node.type !== 'CallExpression' || node.arguments.length > 0 || node.callee.type !== 'MemberExpression') return false;
  const { object, property } = node.callee;
  return !node.callee.computed && property.type === 'Identifier' && property.name === 'date' && object.type === 'Identifier' && (object.name === 'z' || object.name === 'zod');
}
