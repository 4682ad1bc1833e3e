/** Enqueue sites that several kinds make the same way from a named enqueue. */
import type { EnqueueSite } from '../../model/contract.js';
import type { DelayFact, NamedEnqueueFact, SourceSpan } from '../../model/facts.js';
import type { ResolvedValue } from '../../resolve/resolver.js';
import type { ResolveContext } from '../kind.js';

/**
 * `SomeJob.schedule(a, 'b')` is a call on a class of the project, not on a queue. The receiver
 * `flow` marks the jobs of a flow tree (FLOW_RECEIVER), which no class is.
 */
export function isCallOnClass(context: ResolveContext, file: string, enqueue: NamedEnqueueFact): boolean {
  return enqueue.receiver !== undefined && enqueue.receiver !== FLOW_RECEIVER && 'cls' in context.resolver.resolveClass(file, enqueue.receiver);
}

/** The receiver a named enqueue carries when it is a node of a flow tree rather than a call on an object. */
export const FLOW_RECEIVER = 'flow';

/** What a site keeps of the call that makes it, whichever kind reads the call. */
export function getCallFields(file: string, call: { method: string; args: EnqueueSite['args']; span: SourceSpan; delay?: DelayFact }): Pick<EnqueueSite, 'method' | 'args' | 'location' | 'delay'> {
  const fields: Pick<EnqueueSite, 'method' | 'args' | 'location' | 'delay'> = { method: call.method, args: call.args, location: { file, span: call.span } };
  if (call.delay) fields.delay = call.delay;
  return fields;
}

/** One site per name the call sends, each name resolved to its string; dynamic names make none. */
export function addNamedSites(context: ResolveContext, file: string, enqueue: NamedEnqueueFact, adapter: string): void {
  const queue = enqueue.queue && context.resolver.resolveName(file, enqueue.queue);
  for (const name of enqueue.names) {
    const wireName = context.resolver.resolveName(file, name);
    if (wireName === undefined) continue;
    const nameSource = enqueue.typed ? 'class' : 'string';
    const site: EnqueueSite = { wireName, nameSource, ...getCallFields(file, enqueue), adapter };
    if (queue !== undefined) site.queue = queue;
    context.addSite(site);
  }
}

/** The module-level values a call names by binding (`hello.trigger(...)`, `client.workflow.start(example)`), where they resolve. */
export function getBoundValues(context: ResolveContext, file: string, enqueue: NamedEnqueueFact): ResolvedValue[] {
  const values: ResolvedValue[] = [];
  for (const name of enqueue.names) {
    const value = 'path' in name ? context.resolver.resolveValue(file, name.path) : undefined;
    if (value) values.push(value);
  }
  return values;
}
