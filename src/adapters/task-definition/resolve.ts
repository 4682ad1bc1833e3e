/** Tasks defined by a call, across files: the id is the wire name; calls on a task object are its sites. */
import type { JobContract } from '../../model/contract.js';
import type { FileFacts, NamedEnqueueFact } from '../../model/facts.js';
import { getKindFacts, type ResolveContext } from '../kind.js';
import { addBodyFacts, resolveSchema, withFile } from '../shared/contracts.js';
import { addNamedSites, getBoundValues, isCallOnClass, getCallFields } from '../shared/sites.js';
import type { TaskDefinitionConfig } from './config.js';
import type { TaskDefinitionFact, TaskFacts } from './facts.js';

export function defineTaskJobs(file: string, facts: FileFacts, configs: readonly TaskDefinitionConfig[], context: ResolveContext): void {
  for (const definition of getKindFacts<TaskFacts>(facts, 'task-definition')?.taskDefinitions ?? []) addTaskDefinition(file, definition, configs, context);
}

/**
 * A task defined by `task({ id, run })`: the id is the wire name; the payload's fields come
 * from the zod schema, else from the type of `run`'s first parameter.
 */
function addTaskDefinition(file: string, fact: TaskDefinitionFact, configs: readonly TaskDefinitionConfig[], context: ResolveContext): void {
  const adapter = context.getEnabled(file, fact.adapters);
  const config = configs.find((candidate) => candidate.name === adapter);
  const wireName = config && context.resolver.resolveName(file, fact.id);
  if (!config || wireName === undefined) return;
  const contract: JobContract = { wireName, location: { file, span: fact.span }, handler: fact.handler?.method ?? 'run', style: 'payload', params: [], fields: [], adapter: config.name };
  if (config.serialization) contract.serialization = config.serialization;
  addBodyFacts(contract, fact.handler);
  const payload = fact.schema !== undefined ? resolveSchema(file, fact.schema, context) : context.resolver.resolvePayload(file, fact.payload);
  if (payload) contract.fields = withFile(payload.fields, payload.file);
  else if (fact.schema !== undefined) contract.membersUnknown = true;
  context.addJob(contract);
}

/**
 * `hello.trigger(payload)`: a call on a task object, whose definition (here or in an imported
 * module) gives the wire name. Like a class, the task object is seen by the type checker.
 * `tasks.trigger('hello', payload)` names the task by string.
 */
export function defineTaskSites(file: string, enqueue: NamedEnqueueFact, config: TaskDefinitionConfig, context: ResolveContext): void {
  if (isCallOnClass(context, file, enqueue)) return;
  if (!enqueue.byBinding) {
    addNamedSites(context, file, enqueue, config.name);
    return;
  }
  for (const value of getBoundValues(context, file, enqueue)) {
    if (value.value.kind !== 'instance' || !config.definers.includes(value.value.callee) || !value.value.name) continue;
    const wireName = context.resolver.resolveName(value.file, value.value.name);
    if (wireName === undefined) continue;
    context.addSite({ wireName, nameSource: 'class', ...getCallFields(file, enqueue), adapter: config.name });
  }
}
