/**
 * Name registries: jobs defined under a name (`agenda.define('send email', fn)`, `new Worker(opts,
 * { add: { perform } })`, task files of a `tasks/` folder) and enqueued by that name
 * (`queue.enqueue('math', 'add', [1, 2])`, `boss.send('email', data)`, SQL `add_job('name')`).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { AdapterKind, KindNeeds, ReceiverConstraint, Visitor } from '../kind.js';
import { derivedFrom } from '../shared/derived.js';
import { withoutUndefined } from '../shared/schema.js';
import { ARGUMENT_START, escapeRegExp, FIRST_ARGUMENT, getMethodCallToken, getReceiverToken } from '../shared/tokens.js';
import { getFunctionFact } from '../shared/functions.js';
import { getSpan, isFunctionNode, isNamedMember } from '../shared/syntax.js';
import { type StringRegistryConfig, stringRegistrySchema } from './config.js';
import { getCalleeName } from '../shared/calls.js';
import { addDefinitionCall, addTypedDeclarator, addTypedExpression, addTypedFactory, getDefinitionIndex } from './definitions.js';
import { addRegistryCalls, addRegistryMaps, addSqlEnqueues, type RegistryOut } from './extract.js';
import type { ObjectDefinitionFact, RegistryFacts } from './facts.js';
import { addDeclaredPayloads, getExportedHandler, isSqlCandidate } from './module-facts.js';
import { STRING_REGISTRY_PRESETS } from './presets.js';
import { defineRegistryJobs, defineRegistrySites } from './resolve.js';

export const stringRegistryKind: AdapterKind<StringRegistryConfig> = {
  type: 'string-registry',
  presets: STRING_REGISTRY_PRESETS,
  declarable: {
    schema: stringRegistrySchema,
    fromSetting: (own, preset) => ({ handler: 'arguments', enqueue: [], ...preset, ...withoutUndefined(own) }) as StringRegistryConfig,
  },
  needs: getNeeds,
  extract(configs, { namedEnqueues, syntax }) {
    const out: RegistryOut = { registrations: [], registryMaps: [], namedEnqueues };
    const own: RegistryFacts = {};
    const { callNames, hasDirectories, sqlFunctions, declarations, definitionIndex } = getDerived(configs);
    const definitions: ObjectDefinitionFact[] = [];
    const visitor: Visitor = {
      NewExpression: (node) => {
        addRegistryMaps(node, configs, out.registryMaps, syntax);
        const callee = definitionIndex.byCall.size > 0 ? getCalleeName(node.callee) : undefined;
        if (callee) addDefinitionCall(node, callee, definitionIndex, definitions, syntax);
      },
    };
    if (definitionIndex.byType.size > 0) {
      visitor.TSSatisfiesExpression = (node) => addTypedExpression(node, definitionIndex, definitions, syntax);
      visitor.TSAsExpression = (node) => addTypedExpression(node, definitionIndex, definitions, syntax);
      visitor.VariableDeclarator = (node) => addTypedDeclarator(node, definitionIndex, definitions, syntax);
      const readFactory = (node: TSESTree.FunctionLike): void => addTypedFactory(node, definitionIndex, definitions, syntax);
      visitor.FunctionDeclaration = readFactory;
      visitor.FunctionExpression = readFactory;
      visitor.ArrowFunctionExpression = readFactory;
    }
    if (hasDirectories) {
      visitor.AssignmentExpression = (node) => {
        if (isNamedMember(node.left, 'module', 'exports')) own.defaultExport = getExportedHandler(node.right, syntax) ?? own.defaultExport;
      };
      visitor.ExportDefaultDeclaration = (node) => {
        if (isFunctionNode(node.declaration)) own.defaultExport = { fn: getFunctionFact('default', getSpan(node.declaration), node.declaration, syntax) };
      };
    }
    if (declarations.length > 0) visitor.TSInterfaceDeclaration = (node) => addDeclaredPayloads(node, declarations, own, syntax);
    if (sqlFunctions.length > 0) {
      const readSql = (node: TSESTree.Literal | TSESTree.TemplateLiteral): void => {
        if (isSqlCandidate(node, sqlFunctions)) addSqlEnqueues(node, configs, out.namedEnqueues);
      };
      visitor.Literal = readSql;
      visitor.TemplateLiteral = readSql;
    }
    return {
      visitor,
      calls: {
        names: callNames,
        read(node) {
          addRegistryCalls(node, configs, out, syntax);
          const callee = definitionIndex.byCall.size > 0 ? getCalleeName(node.callee) : undefined;
          if (callee) addDefinitionCall(node, callee, definitionIndex, definitions, syntax);
        },
      },
      finish() {
        if (definitions.length > 0) own.objectDefinitions = definitions;
        if (out.registrations.length > 0) own.registrations = out.registrations;
        if (out.registryMaps.length > 0) own.registryMaps = out.registryMaps;
        return Object.keys(own).length > 0 ? own : undefined;
      },
    };
  },
  defineJobs: defineRegistryJobs,
  defineNamedSites: defineRegistrySites,
};

const getDerived = derivedFrom((configs: readonly StringRegistryConfig[]) => ({
  callNames: new Set(
    configs.flatMap((config) => [
      ...(config.register ?? []).flatMap((shape) => shape.methods),
      ...config.enqueue.flatMap((shape) => shape.methods),
      ...(config.maps ?? []).flatMap((shape) => shape.functions ?? []),
      ...(config.definitions ?? []).flatMap((shape) => [...(shape.calls ?? []), ...Object.keys(shape.dispatch ?? {})]),
    ]),
  ),
  definitionIndex: getDefinitionIndex(configs),
  hasDirectories: configs.some((config) => config.directory !== undefined),
  sqlFunctions: configs.flatMap((config) => config.sql ?? []),
  declarations: configs.flatMap((config) => (config.declaredPayloads ? [config.declaredPayloads] : [])),
}));

function getReceivers(config: StringRegistryConfig): ReceiverConstraint[] {
  return [...(config.register ?? []).map((shape) => shape.receiver), ...config.enqueue.map((shape) => shape.receiver)].filter(
    (receiver): receiver is ReceiverConstraint => receiver !== undefined,
  );
}

function getNeeds(configs: readonly StringRegistryConfig[], packagesOf: (adapter: string) => readonly string[]): KindNeeds {
  const methods: string[] = [];
  const tokens: string[] = [];
  const packages: string[] = [];
  for (const config of configs) {
    if (getReceivers(config).length > 0 || config.directory || config.sql) packages.push(...packagesOf(config.name));
    for (const register of config.register ?? []) {
      const token = register.receiver && getReceiverToken(register.receiver, register.methods);
      if (token) tokens.push(token);
      else if (!register.receiver) methods.push(...register.methods);
    }
    for (const map of config.maps ?? []) {
      if (map.constructors) tokens.push(`new +([A-Za-z0-9_$]+\\.)?(${map.constructors.map(escapeRegExp).join('|')}) *[(<]`);
      if (map.property) tokens.push(`${escapeRegExp(map.property)} *[:,}]`);
    }
    for (const fn of config.sql ?? []) tokens.push(escapeRegExp(fn));
    for (const shape of config.definitions ?? []) {
      if (shape.types) tokens.push(`(satisfies +|as +|: *)([A-Za-z0-9_$]+\\.)?(${shape.types.map(escapeRegExp).join('|')})([^A-Za-z0-9_$]|$)`);
      if (shape.calls) tokens.push(`(^|[^A-Za-z0-9_$])(${shape.calls.map(escapeRegExp).join('|')}) *[(<]`);
      if (shape.dispatch) tokens.push(`\\.(${Object.keys(shape.dispatch).map(escapeRegExp).join('|')}) *[(<]`);
    }
    // The global declaration of payload types is read wherever it is.
    if (config.declaredPayloads) tokens.push(`namespace +${escapeRegExp(config.declaredPayloads.namespace)}`);
    // A task file in JavaScript may import nothing: `module.exports = async (payload, helpers) => ...`.
    if (config.directory) tokens.push('payload[A-Za-z0-9_$:<>.| ]*, *helpers');
    for (const shape of config.enqueue) {
      if (shape.receiver) {
        const token = getReceiverToken(shape.receiver, shape.methods);
        if (token) tokens.push(token);
        continue;
      }
      const alternatives = shape.methods.map(escapeRegExp).join('|');
      tokens.push(`${shape.bare ? '' : '\\.'}(${alternatives}) *(<[A-Za-z0-9_$.]*>)? *\\( *${shape.nameArg === 0 ? ARGUMENT_START : FIRST_ARGUMENT}`);
    }
  }
  const methodToken = getMethodCallToken(methods);
  return {
    tokens: methodToken ? [methodToken, ...tokens] : tokens,
    packages,
    receivers: { types: configs.flatMap((config) => getReceivers(config).flatMap((receiver) => receiver.types)) },
  };
}
