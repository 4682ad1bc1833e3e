/**
 * Jobs registered under a name across files: registration calls (`define('name', fn)`), object
 * maps of jobs given to a known constructor or function, and task files of a task directory;
 * and the calls that enqueue them by name.
 */
import type { JobContract, Location, MemberContract } from '../../model/contract.js';
import type { FileFacts, HandlerFact, NamedEnqueueFact, PayloadSource, ValueFact } from '../../model/facts.js';
import { getKindFacts, type ResolveContext } from '../kind.js';
import { addBodyFacts, resolveSchema, setSignature, withFile } from '../shared/contracts.js';
import { isReceiver } from '../shared/receiver-binding.js';
import { addNamedSites, getBoundValues, isCallOnClass, getCallFields } from '../shared/sites.js';
import type { StringRegistryConfig } from './config.js';
import type { ObjectDefinitionFact, RegistrationFact, RegistryFacts, RegistryMapFact } from './facts.js';
import { getOwn } from '../../model/records.js';
import type { PayloadField } from '../../resolve/resolver.js';

const TYPE = 'string-registry';

export function getRegistryFacts(facts: FileFacts): RegistryFacts | undefined {
  return getKindFacts<RegistryFacts>(facts, TYPE);
}

export function defineRegistryJobs(file: string, facts: FileFacts, configs: readonly StringRegistryConfig[], context: ResolveContext): void {
  const own = getRegistryFacts(facts);
  for (const registration of own?.registrations ?? []) addRegistration(file, registration, configs, context);
  for (const map of own?.registryMaps ?? []) addRegistryMap(file, map, configs, context);
  for (const definition of own?.objectDefinitions ?? []) addObjectDefinition(file, definition, configs, context);
  addDirectoryTask(file, facts, configs, context);
}

/** `queue.enqueue('math', 'add', [1, 2])`: a site per name, where the call is on an object the shape accepts. */
export function defineRegistrySites(file: string, enqueue: NamedEnqueueFact, config: StringRegistryConfig, context: ResolveContext): void {
  // Names given as a binding (a task object, a workflow function) are read only by the kinds that define such bindings.
  if (enqueue.byBinding) {
    addDispatchSites(file, enqueue, config, context);
    return;
  }
  if (isCallOnClass(context, file, enqueue)) return;
  const receivers = config.enqueue.filter((shape) => shape.methods.includes(enqueue.method)).map((shape) => shape.receiver);
  if (receivers.length > 0 && !receivers.some((receiver) => !receiver || isReceiver(context.files, context.resolver, file, enqueue.receiverPath, receiver))) return;
  addNamedSites(context, file, enqueue, config.name);
}

/** `exportJob.dispatch(payload)` where `exportJob = defineJob({ name: 'export', ... })`: a site of the job the call named. */
function addDispatchSites(file: string, enqueue: NamedEnqueueFact, config: StringRegistryConfig, context: ResolveContext): void {
  const calls = (config.definitions ?? []).filter((shape) => shape.dispatch && getOwn(shape.dispatch, enqueue.method) !== undefined).flatMap((shape) => shape.calls ?? []);
  for (const value of getBoundValues(context, file, enqueue)) {
    if (value.value.kind !== 'instance' || !value.value.name) continue;
    const callee = value.value.callee;
    if (!calls.includes(callee.slice(callee.lastIndexOf('.') + 1))) continue;
    const wireName = context.resolver.resolveName(value.file, value.value.name);
    if (wireName === undefined) continue;
    context.addSite({ wireName, nameSource: 'class', ...getCallFields(file, enqueue), adapter: config.name });
  }
}

function getConfig(file: string, adapters: readonly string[], configs: readonly StringRegistryConfig[], context: ResolveContext): StringRegistryConfig | undefined {
  const adapter = context.getEnabled(file, adapters);
  return adapter === undefined ? undefined : configs.find((config) => config.name === adapter);
}

function addRegistration(file: string, registration: RegistrationFact, configs: readonly StringRegistryConfig[], context: ResolveContext): void {
  const config = getConfig(file, registration.adapters, configs, context);
  if (!config) return;
  const receivers = (config.register ?? []).filter((shape) => shape.methods.includes(registration.method)).map((shape) => shape.receiver);
  if (!receivers.some((receiver) => !receiver || isReceiver(context.files, context.resolver, file, registration.receiverPath, receiver))) return;
  const handler = 'fn' in registration.handler ? { file, fn: registration.handler.fn } : context.resolver.resolveFunction(file, registration.handler.path);
  if (!handler) return;
  const typeArgument = registration.typeArgument ? { file, source: registration.typeArgument } : undefined;
  for (const name of registration.names) {
    const wireName = context.resolver.resolveName(file, name);
    if (wireName === undefined) continue;
    context.addJob(getRegistryContract(config, wireName, { file, span: registration.span }, handler, context, typeArgument));
  }
}

function addRegistryMap(file: string, fact: RegistryMapFact, configs: readonly StringRegistryConfig[], context: ResolveContext): void {
  const config = getConfig(file, fact.adapters, configs, context);
  if (!config) return;
  const map = 'inline' in fact.map ? { file, value: fact.map.inline as ValueFact } : context.resolver.resolveValue(file, fact.map.path);
  if (map?.value.kind !== 'object') return;
  const handlerKeys = (config.maps ?? []).map((shape) => shape.handlerKey);
  for (const [wireName, entry] of Object.entries(map.value.props)) {
    const handler = getMapHandler(map.file, entry, handlerKeys, context);
    if (!handler) continue;
    const span = getOwn(map.value.keySpans, wireName);
    const location = span ? { file: map.file, span } : { file: handler.file, span: handler.fn.span };
    const contract = getRegistryContract(config, wireName, location, handler, context);
    if (fact.schemas) setCatalogSchema(contract, file, fact.schemas, wireName, context);
    context.addJob(contract);
  }
}

/**
 * The payload schema a sibling map gives the job (`catalog: { email: { schema: EmailSchema } }`):
 * its fields, or unknown members when the entry's schema cannot be read. A job the sibling map
 * does not list keeps what its handler says.
 */
function setCatalogSchema(contract: JobContract, file: string, schemas: NonNullable<RegistryMapFact['schemas']>, wireName: string, context: ResolveContext): void {
  const entry = getOwn(schemas.map.props, wireName);
  if (!entry) return;
  const resolved = context.resolver.deref({ file, value: entry });
  let schema = resolved;
  if (schemas.key !== undefined) {
    const inner = resolved?.value.kind === 'object' ? getOwn(resolved.value.props, schemas.key) : undefined;
    schema = inner && resolved ? context.resolver.deref({ file: resolved.file, value: inner }) : undefined;
  }
  contract.style = 'payload';
  contract.params = [];
  if (schema?.value.kind === 'schema') {
    contract.fields = withFile(context.resolver.expandFields(schema.file, schema.value.fields), schema.file);
    delete contract.membersUnknown;
  } else {
    contract.fields = [];
    contract.membersUnknown = true;
  }
}

/** `{ perform: (a, b) => ... }`, `{ perform }`, or a reference to such an object; the entry itself where no key holds the handler. */
function getMapHandler(file: string, entry: ValueFact, handlerKeys: Array<string | undefined>, context: ResolveContext): { file: string; fn: HandlerFact } | undefined {
  const resolved = context.resolver.deref({ file, value: entry });
  if (resolved?.value.kind === 'function' && handlerKeys.includes(undefined)) return { file: resolved.file, fn: resolved.value.fn };
  if (resolved?.value.kind !== 'object') return undefined;
  for (const key of handlerKeys) {
    if (key === undefined) continue;
    const member = getOwn(resolved.value.props, key);
    const fn = member && context.resolver.deref({ file: resolved.file, value: member });
    if (fn?.value.kind === 'function') return { file: fn.file, fn: fn.value.fn };
  }
  return undefined;
}

function getRegistryContract(
  config: StringRegistryConfig,
  wireName: string,
  location: Location,
  handler: { file: string; fn: HandlerFact },
  context: ResolveContext,
  typeArgument?: { file: string; source: PayloadSource },
): JobContract {
  const contract: JobContract = { wireName, location, handler: handler.fn.method, style: 'positional', params: [], fields: [], adapter: config.name };
  if (config.serialization) contract.serialization = config.serialization;
  addBodyFacts(contract, handler.fn);
  const resolver = context.resolver;
  if (config.handler === 'payload-argument') {
    // `(payload: Payload, helpers) => ...`: the first parameter is the payload; untyped, the global declaration types it.
    contract.style = 'payload';
    const payload = resolver.resolvePayload(handler.file, handler.fn.payload ?? handler.fn.firstParamPayload) ?? getDeclaredPayload(config, wireName, context);
    if (payload) contract.fields = withFile(payload.fields, payload.file);
    return contract;
  }
  if (config.handler === 'job-data') {
    // The handler receives a job; its data is the payload, typed by `define<Data>` or `(job: Job<Data>)`.
    contract.style = 'payload';
    const payload = (typeArgument && resolver.resolvePayload(typeArgument.file, typeArgument.source)) ?? resolver.resolvePayload(handler.file, handler.fn.firstParamTypeArgument);
    // An untyped job (`([job]) => ...` in JavaScript) says nothing of its data: unknown, not empty.
    if (payload) contract.fields = withFile(payload.fields, payload.file);
    else contract.membersUnknown = true;
    return contract;
  }
  setSignature(contract, handler, resolver);
  return contract;
}

/**
 * A job written as an object literal: its payload's fields come from its zod schema (inline or a
 * module-level value), else from the handler's payload parameter. A definition whose handler
 * cannot be found is still a job (its name is handled), with no signature to compare.
 */
function addObjectDefinition(file: string, fact: ObjectDefinitionFact, configs: readonly StringRegistryConfig[], context: ResolveContext): void {
  const config = getConfig(file, fact.adapters, configs, context);
  const wireName = config && context.resolver.resolveName(file, fact.name);
  if (!config || wireName === undefined) return;
  const handler = fact.handler && ('fn' in fact.handler ? { file, fn: fact.handler.fn } : context.resolver.resolveFunction(file, fact.handler.path));
  const contract: JobContract = { wireName, location: { file, span: fact.span }, handler: handler?.fn.method ?? 'handler', style: 'payload', params: [], fields: [], adapter: config.name };
  if (config.serialization) contract.serialization = config.serialization;
  addBodyFacts(contract, handler?.fn);
  const payload = fact.schema !== undefined ? resolveSchema(file, fact.schema, context) : getDefinitionPayload(file, fact, config, handler, context);
  // No schema and no typed payload parameter (or a handler that cannot be found): the members are unknown, never none.
  if (payload) contract.fields = withFile(payload.fields, payload.file);
  else contract.membersUnknown = true;
  context.addJob(contract);
}

/**
 * A definition's payload without a schema: the definition call's type argument, else what the
 * handler's parameter says: the payload itself, or (`handler: 'job-data'`) a job whose data it is.
 */
function getDefinitionPayload(
  file: string,
  fact: ObjectDefinitionFact,
  config: StringRegistryConfig,
  handler: { file: string; fn: HandlerFact } | undefined,
  context: ResolveContext,
): { file: string; fields: PayloadField[] } | undefined {
  const resolver = context.resolver;
  const typed = fact.typeArgument && resolver.resolvePayload(file, fact.typeArgument);
  if (typed) return typed;
  if (config.handler === 'job-data') return handler ? resolver.resolvePayload(handler.file, handler.fn.firstParamTypeArgument) : undefined;
  return resolver.resolvePayload(file, fact.payload);
}

/**
 * A task file of a task directory (graphile-worker's `tasks/send_email.ts`): a module whose
 * default export is a function, below a folder of the adapter's `directory` name; its path
 * below that folder, without extension, is the wire name.
 */
function addDirectoryTask(file: string, facts: FileFacts, configs: readonly StringRegistryConfig[], context: ResolveContext): void {
  const exported = getRegistryFacts(facts)?.defaultExport ?? (facts.exportAliases.default ? { path: [facts.exportAliases.default] } : undefined);
  if (!exported) return;
  for (const config of configs) {
    if (!config.directory || !context.isEnabled(file, config.name)) continue;
    const wireName = getDirectoryTaskName(file, config.directory);
    if (wireName === undefined) continue;
    const handler = 'fn' in exported ? { file, fn: exported.fn } : context.resolver.resolveFunction(file, exported.path);
    if (!handler) continue;
    context.addJob(getRegistryContract(config, wireName, { file, span: handler.fn.span }, handler, context));
    return;
  }
}

/** The payload type a global declaration gives a wire name: `GraphileWorker.Tasks['send_email']`. */
function getDeclaredPayload(config: StringRegistryConfig, wireName: string, context: ResolveContext): { file: string; fields: MemberContract[] } | undefined {
  const key = config.declaredPayloads && `${config.declaredPayloads.namespace}.${config.declaredPayloads.interface}`;
  if (!key) return undefined;
  for (const [file, facts] of context.files) {
    const source = getOwn(getOwn(getRegistryFacts(facts)?.declaredPayloads, key), wireName);
    const payload = source && context.resolver.resolvePayload(file, source);
    if (payload) return { file: payload.file, fields: withFile(payload.fields, payload.file) };
  }
  return undefined;
}

/** `src/tasks/users/send_email.ts` below `tasks`: `users/send_email`. */
function getDirectoryTaskName(file: string, folder: string): string | undefined {
  const segments = file.split('/');
  const index = segments.lastIndexOf(folder);
  if (index < 0 || index === segments.length - 1) return undefined;
  const rest = segments.slice(index + 1).join('/');
  const name = rest.replace(/\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/, '');
  return name === rest || name.endsWith('.d') || name.endsWith('.test') || name.endsWith('.spec') ? undefined : name;
}
