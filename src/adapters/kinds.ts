/**
 * The adapter kinds, in resolution order: every kind's jobs are defined before any site, kind
 * by kind in this order (the first definition of a wire name stays), and a file's sites are
 * defined in this order too (a call a kind claims is not read again by a later one).
 * Adding a kind is one folder and one line here.
 */
import { classJobKind } from './class-job/index.js';
import { eventFunctionKind } from './event-function/index.js';
import type { AdapterKind } from './kind.js';
import { queueWorkerKind } from './queue-worker/index.js';
import { stringRegistryKind } from './string-registry/index.js';
import { taskDefinitionKind } from './task-definition/index.js';
import { workflowModuleKind } from './workflow-module/index.js';

export const KINDS: readonly AdapterKind[] = [classJobKind, stringRegistryKind, queueWorkerKind, taskDefinitionKind, workflowModuleKind, eventFunctionKind];
