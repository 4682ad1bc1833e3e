/**
 * Name registries: jobs defined under a name (`agenda.define('send email', fn)`, `new Worker(opts,
 * { add: { perform } })`, task files of a `tasks/` folder) and enqueued by that name
 * (`queue.enqueue('math', 'add', [1, 2])`, `boss.send('email', data)`, SQL `add_job('name')`).
 */
import type { AdapterKind, KindNeeds, ReceiverConstraint } from '../kind.js';
import { withoutUndefined } from '../shared/schema.js';
import { isNamedMember, isFunctionNode } from '../shared/syntax.js';
import { ARGUMENT_START, escapeRegExp, FIRST_ARGUMENT, getMethodCallToken, getReceiverToken } from '../shared/tokens.js';
import { onCallsNamed } from '../shared/calls.js';
import { getFunctionFact } from '../shared/functions.js';
import { getSpan } from '../shared/syntax.js';
import { type StringRegistryConfig, stringRegistrySchema } from './config.js';
import { addRegistryCalls, addRegistryMaps, addSqlEnqueues, type RegistryOut } from './extract.js';
import type { RegistryFacts } from './facts.js';
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
  extract(configs, { facts, syntax }) {
    const out: RegistryOut = { registrations: [], registryMaps: [], namedEnqueues: facts.namedEnqueues };
    const own: RegistryFacts = {};
    const hasDirectories = configs.some((config) => config.directory !== undefined);
    const sqlFunctions = configs.flatMap((config) => config.sql ?? []);
    const declarations = configs.flatMap((config) => (config.declaredPayloads ? [config.declaredPayloads] : []));
    return {
      visitor: {
        CallExpression: onCallsNamed(getCallNames(configs), (node) => addRegistryCalls(node, configs, out, syntax)),
        NewExpression: (node) => addRegistryMaps(node, configs, out.registryMaps, syntax),
        AssignmentExpression(node) {
          if (hasDirectories && isNamedMember(node.left, 'module', 'exports')) own.defaultExport = getExportedHandler(node.right, syntax) ?? own.defaultExport;
        },
        ExportDefaultDeclaration(node) {
          if (hasDirectories && isFunctionNode(node.declaration)) own.defaultExport = { fn: getFunctionFact('default', getSpan(node.declaration), node.declaration, syntax) };
        },
        TSInterfaceDeclaration(node) {
          if (declarations.length > 0) addDeclaredPayloads(node, declarations, own, syntax);
        },
        Literal(node) {
          if (sqlFunctions.length > 0 && isSqlCandidate(node, sqlFunctions)) addSqlEnqueues(node, configs, out.namedEnqueues);
        },
        TemplateLiteral(node) {
          if (sqlFunctions.length > 0 && isSqlCandidate(node, sqlFunctions)) addSqlEnqueues(node, configs, out.namedEnqueues);
        },
      },
      finish() {
        if (out.registrations.length > 0) own.registrations = out.registrations;
        if (out.registryMaps.length > 0) own.registryMaps = out.registryMaps;
        return Object.keys(own).length > 0 ? own : undefined;
      },
    };
  },
  defineJobs: defineRegistryJobs,
  defineNamedSites: defineRegistrySites,
};

function getCallNames(configs: readonly StringRegistryConfig[]): Set<string> {
  const names = new Set<string>();
  for (const config of configs) {
    for (const shape of config.register ?? []) for (const method of shape.methods) names.add(method);
    for (const shape of config.enqueue) for (const method of shape.methods) names.add(method);
    for (const shape of config.maps ?? []) for (const fn of shape.functions ?? []) names.add(fn);
  }
  return names;
}

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
