/**
 * The adapter kinds, in resolution order, by stage. Every job is defined before any site: stage
 * by stage, and within a stage file by file, each file by the stage's kinds in order; the first
 * definition of a wire name stays. So a class job or a registered name wins over any other
 * shape, and two shapes of one stage that define the same name are decided by file order.
 * A file's sites are defined by the kinds in this order; a call claimed by one (a class's
 * enqueue) is not read again as a named enqueue. Adding a kind is one folder and one entry here.
 */
import { classJobKind } from './class-job/index.js';
import { eventFunctionKind } from './event-function/index.js';
import type { AdapterKind } from './kind.js';
import { queueWorkerKind } from './queue-worker/index.js';
import { stringRegistryKind } from './string-registry/index.js';
import { taskDefinitionKind } from './task-definition/index.js';
import { workflowModuleKind } from './workflow-module/index.js';

export const KIND_STAGES: ReadonlyArray<readonly AdapterKind[]> = [[classJobKind], [stringRegistryKind], [queueWorkerKind, taskDefinitionKind, workflowModuleKind, eventFunctionKind]];

export const KINDS: readonly AdapterKind[] = KIND_STAGES.flat();
