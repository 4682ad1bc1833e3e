/**
 * Functions triggered by events, across files: a function is a job per event it is triggered
 * by, named by the event; its payload is the event's data, typed by the event type's schema.
 */
import type { JobContract, MemberContract } from '../../model/contract.js';
import type { FileFacts, NamedEnqueueFact } from '../../model/facts.js';
import { getKindFacts, type ResolveContext } from '../kind.js';
import { addBodyFacts, withFile } from '../shared/contracts.js';
import { isReceiver } from '../shared/receiver-binding.js';
import { addNamedSites, isCallOnClass, getCallFields } from '../shared/sites.js';
import type { EventFunctionConfig } from './config.js';
import type { EventFacts, EventFunctionFact } from './facts.js';

interface EventType {
  name: string;
  payload?: { file: string; fields: MemberContract[] };
}

export function defineEventJobs(file: string, facts: FileFacts, configs: readonly EventFunctionConfig[], context: ResolveContext): void {
  for (const fn of getKindFacts<EventFacts>(facts, 'event-function')?.eventFunctions ?? []) addEventFunction(file, fn, configs, context);
}

/** `inngest.send({ name, data })`, `step.sendEvent(id, event)`, `userCreated.create(data)`. */
export function defineEventSites(file: string, enqueue: NamedEnqueueFact, config: EventFunctionConfig, context: ResolveContext): void {
  if (isCallOnClass(context, file, enqueue) || !isEventSender(file, enqueue, config, context)) return;
  if (!enqueue.byBinding) {
    addNamedSites(context, file, enqueue, config.name);
    return;
  }
  for (const name of enqueue.names) {
    const event = 'path' in name ? getEventType(file, name.path, config, context) : undefined;
    if (event) context.addSite({ wireName: event.name, nameSource: 'class', ...getCallFields(file, enqueue), adapter: config.name });
  }
}

function addEventFunction(file: string, fact: EventFunctionFact, configs: readonly EventFunctionConfig[], context: ResolveContext): void {
  const adapter = context.getEnabled(file, fact.adapters);
  const config = configs.find((candidate) => candidate.name === adapter);
  if (!config) return;
  for (const event of fact.events) {
    let resolved = 'path' in event.name ? getEventType(file, event.name.path, config, context) : undefined;
    if (!resolved) {
      const name = context.resolver.resolveName(file, event.name);
      if (name === undefined) continue;
      resolved = context.memo('event-function.types', () => getEventTypesByName(config, context)).get(name) ?? { name };
    }
    const contract: JobContract = { wireName: resolved.name, location: { file, span: event.span }, handler: fact.handler?.method ?? 'handler', style: 'payload', params: [], fields: [], adapter: config.name };
    if (config.serialization) contract.serialization = config.serialization;
    addBodyFacts(contract, fact.handler);
    if (resolved.payload) contract.fields = resolved.payload.fields;
    context.addJob(contract);
  }
}

/** `inngest.send(...)`, `step.sendEvent(...)`: the call is on an object the send shape accepts. */
function isEventSender(file: string, enqueue: NamedEnqueueFact, config: EventFunctionConfig, context: ResolveContext): boolean {
  const receivers = config.send.filter((shape) => shape.methods.includes(enqueue.method)).map((shape) => shape.receiver);
  return receivers.some((receiver) => !receiver || isReceiver(context.files, context.resolver, file, enqueue.receiverPath, receiver));
}

/** An event type by reference (`userCreated`): its name, and where its data's fields come from. */
function getEventType(file: string, path: string[], config: EventFunctionConfig, context: ResolveContext): EventType | undefined {
  const resolver = context.resolver;
  const value = resolver.resolveValue(file, path);
  if (value?.value.kind !== 'instance' || !config.eventTypes.includes(value.value.callee) || !value.value.name) return undefined;
  const name = resolver.resolveName(value.file, value.value.name);
  if (name === undefined) return undefined;
  const schema = value.value.schemaPath && resolver.resolveValue(value.file, value.value.schemaPath);
  const payload = schema?.value.kind === 'schema' ? { file: schema.file, fields: resolver.expandFields(schema.file, schema.value.fields) } : resolver.resolvePayload(value.file, value.value.payload);
  return payload ? { name, payload: { file: payload.file, fields: withFile(payload.fields, payload.file) } } : { name };
}

/** Every event type of the project by name: a trigger that names its event by string is typed by it. */
function getEventTypesByName(config: EventFunctionConfig, context: ResolveContext): Map<string, EventType> {
  const found = new Map<string, EventType>();
  for (const [file, facts] of context.files) {
    for (const [local, value] of Object.entries(facts.values ?? {})) {
      if (value.kind !== 'instance' || !config.eventTypes.includes(value.callee)) continue;
      const event = getEventType(file, [local], config, context);
      if (event && !found.has(event.name)) found.set(event.name, event);
    }
  }
  return found;
}
