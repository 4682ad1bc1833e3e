/** The class-job presets: data only. `activejob` is built from the top-level detection settings. */
import type { DetectionSettings, Preset } from '../kind.js';
import type { ClassJobConfig } from './config.js';

export const ACTIVEJOB = 'activejob';

export function getActiveJobConfig(settings: DetectionSettings): ClassJobConfig {
  return {
    type: 'class-job',
    name: ACTIVEJOB,
    baseClasses: settings.baseClasses,
    baseClassSuffixes: ['Job', 'Task'],
    handlerMethods: settings.handlerMethods,
    queue: { staticProperty: settings.queueProperty },
    enqueue: { static: { methods: settings.enqueueMethods, via: ['set'] } },
    serialization: 'json',
  };
}

/** Sidequest: `class EmailJob extends Job { run(to, subject) }`, `Sidequest.build(EmailJob).queue('mail').enqueue(to, subject)`. */
const SIDEQUEST: ClassJobConfig = {
  type: 'class-job',
  name: 'sidequest',
  baseClasses: ['Job'],
  handlerMethods: ['run'],
  enqueue: { builder: { object: 'Sidequest', method: 'build', methods: { enqueue: 0, schedule: 1 }, queueMethods: ['queue'] } },
  serialization: 'json',
};

/** Outline-style task classes on Bull/BullMQ: `class CleanupTask extends BaseTask<Props> { perform(props) }`, `new CleanupTask().schedule(props)`. */
const APP_TASK: ClassJobConfig = {
  type: 'class-job',
  name: 'app-task',
  baseClasses: ['BaseTask'],
  handlerMethods: ['perform'],
  payloadTypeArgument: true,
  enqueue: { instance: { methods: ['schedule'] }, static: { methods: ['schedule'] } },
  serialization: 'json',
};

export const CLASS_JOB_PRESETS: ReadonlyArray<Preset<ClassJobConfig>> = [
  { config: SIDEQUEST, packages: ['sidequest', '@sidequest/engine', '@sidequest/core'] },
  { config: APP_TASK, packages: ['bull', 'bullmq'], inHouse: true },
];
