/**
 * Class jobs: `class MailJob extends ApplicationJob { perform(...) }`, enqueued through the class
 * (`MailJob.performLater(...)`, `new Task().schedule(props)`, `Sidequest.build(MailJob).enqueue(...)`).
 */
import type { AdapterKind, KindNeeds } from '../kind.js';
import { withoutUndefined } from '../shared/schema.js';
import { COMMON_METHOD_NAMES, escapeRegExp, getMethodCallToken } from '../shared/tokens.js';
import { type ClassJobConfig, classJobSchema } from './config.js';
import { addClassEnqueues, addProducerCalls, type ProducerCallFact } from './extract.js';
import { ACTIVEJOB, CLASS_JOB_PRESETS, getActiveJobConfig } from './presets.js';
import { defineClassJobs, defineClassSites } from './resolve.js';

export const classJobKind: AdapterKind<ClassJobConfig> = {
  type: 'class-job',
  presets: CLASS_JOB_PRESETS,
  settingsPreset: { name: ACTIVEJOB, build: getActiveJobConfig },
  declarable: {
    schema: classJobSchema,
    fromSetting(own, preset) {
      const setting = own as Partial<ClassJobConfig>;
      return { baseClasses: [], handlerMethods: ['perform'], ...preset, ...withoutUndefined(setting), enqueue: { ...preset?.enqueue, ...setting.enqueue } } as ClassJobConfig;
    },
  },
  needs: getNeeds,
  extract(configs, { facts }) {
    const producerCalls: ProducerCallFact[] = [];
    const hasProducers = configs.some((config) => config.enqueue.producers !== undefined);
    return {
      visitor: {
        CallExpression(node) {
          addClassEnqueues(node, configs, facts.enqueues);
          if (hasProducers) addProducerCalls(node, configs, producerCalls);
        },
      },
      finish: () => (producerCalls.length > 0 ? { producerCalls } : undefined),
    };
  },
  defineJobs: defineClassJobs,
  defineSites: defineClassSites,
};

function getNeeds(configs: readonly ClassJobConfig[]): KindNeeds {
  const bases = new Set<string>();
  const handlers = new Set<string>();
  const methods: string[] = [];
  const tokens: string[] = [];
  for (const config of configs) {
    const suffixes = config.baseClassSuffixes ?? [];
    if (suffixes.length > 0) bases.add(`[A-Za-z0-9_$.]*(${suffixes.map(escapeRegExp).join('|')})`);
    for (const base of config.baseClasses) bases.add(escapeRegExp(base));
    for (const handler of config.handlerMethods) if (!COMMON_METHOD_NAMES.has(handler)) handlers.add(escapeRegExp(handler));
    const { static: statics, instance, builder, service, producers } = config.enqueue;
    methods.push(...(statics?.methods ?? []), ...(instance?.methods ?? []), ...(producers ?? []).flatMap((shape) => shape.methods));
    for (const shape of producers ?? []) for (const base of shape.baseClasses) bases.add(escapeRegExp(base));
    if (builder) tokens.push(`${escapeRegExp(builder.object)} *\\. *${escapeRegExp(builder.method)} *\\(`);
    if (service) tokens.push(`\\.(${service.methods.map(escapeRegExp).join('|')}) *\\( *[A-Za-z0-9_$.]+\\.name *[,)]`);
  }
  const result: string[] = [];
  if (bases.size > 0) result.push(`extends +(${[...bases].join('|')})`);
  if (handlers.size > 0) result.push(`(${[...handlers].join('|')}) *[(<]`);
  const methodToken = getMethodCallToken(methods);
  if (methodToken) result.push(methodToken);
  return {
    tokens: [...result, ...tokens],
    receivers: { types: [], typedMembers: configs.some((config) => config.enqueue.producers !== undefined) },
    classes: {
      handlerMethods: configs.flatMap((config) => config.handlerMethods),
      staticProperties: configs.flatMap((config) => [config.wireName?.staticProperty, config.queue?.staticProperty]).filter((name) => name !== undefined),
      staticOptions: configs.flatMap((config) => [config.wireName?.staticOptions?.property, config.queue?.staticOptions?.property]).filter((name) => name !== undefined),
    },
  };
}
