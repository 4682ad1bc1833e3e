/**
 * The cases of the rolling-deploy simulator: for each change, per framework, version N, version
 * N+1, and the stages that follow it (the plugin's autofix, a hand edit), each with the verdict the
 * plugin must give and the outcome each direction must have on a real queue. The run-time tests
 * assert both; the "What happens at run time" sections of docs/rules/*.md are rendered from here.
 */
import { activeJobClass, type AppVersion, type Enqueue, type Framework, type JobDef, type Value } from './apps.js';
import type { DirectionName } from './deploy.js';

/** The outcome of the case's job in each direction; `not enqueued` when that version does not send it. */
export type Outcomes = Record<DirectionName, string>;

export const NOT_ENQUEUED = 'not enqueued';
export const COMPLETED = 'completed';

export type Edit = [path: string, from: string, to: string];

export interface Stage {
  /** What the code is at this stage. */
  label: string;
  /** How this stage is reached from the previous one: ESLint's autofix, which must write `writes` into a file, or hand edits of N+1's files (every occurrence). */
  apply?: { fix: true; writes: [path: string, text: string] } | { edits: Edit[] };
  /** The plugin's findings on N+1 (see verdictOf). */
  verdict: string[];
  /** Why the verdict and the outcome disagree, where they do (shown in the docs). */
  note?: string;
  outcomes: Outcomes;
}

export interface CaseRun {
  framework: Framework;
  /** A variant of the app, shown beside the framework's name. */
  variant?: string;
  previous: AppVersion;
  next: AppVersion;
  /** Wire names of jobs that are not what the case is about: they must complete in every direction they are sent. */
  bystanders?: string[];
  stages: Stage[];
}

export interface RuntimeCase {
  id: string;
  /** The change, as the docs name it. */
  title: string;
  /** The rule pages this case documents. */
  rules: string[];
  /** Whether the change breaks a rolling deploy as first written (the plugin should flag it). */
  breaking: boolean;
  runs: CaseRun[];
}

// ---------------------------------------------------------------------------------------------
// Building blocks: one welcome job, in each framework's naming and argument style.

/** ActiveJob-style wire names are class names. */
export function wire(framework: Framework, name: string): string {
  return framework === 'activejob' ? `${name[0]!.toUpperCase()}${name.slice(1)}Job` : name;
}

const POSITIONAL: Framework[] = ['node-resque', 'activejob'];
const ALL: Framework[] = ['node-resque', 'activejob', 'bullmq'];
/** The PostgreSQL queues, whose workers never fetch a job of a name they do not handle: it waits. */
const POSTGRES: Framework[] = ['pg-boss', 'graphile-worker'];
/** Frameworks whose jobs take one object payload. */
const usesPayload = (framework: Framework) => framework === 'bullmq' || POSTGRES.includes(framework);

/** A job taking positional parameters. */
function positional(framework: Framework, name: string, params: string, body: string): JobDef {
  return { name: wire(framework, name), params, body };
}

/** A job taking one object payload, destructured. */
function payload(framework: Framework, name: string, fields: string, body: string): JobDef {
  return { name: wire(framework, name), params: `{ ${fields} }`, body };
}

function call(framework: Framework, name: string, args: Value[], intent: Record<string, Value>, queue?: string): Enqueue {
  return { name: wire(framework, name), args, intent, ...(queue ? { queue } : {}) };
}

const WELCOME_BODY = 'return { to: userId, body: message };';
const welcomePositional = (framework: Framework, name = 'welcome') => positional(framework, name, 'userId, message', WELCOME_BODY);
const welcomePayload = (framework: Framework, name = 'welcome') => payload(framework, name, 'userId, message', WELCOME_BODY);
const HELLO = { to: 7, body: 'Hello!' };
const sendWelcome = (framework: Framework, name = 'welcome', queue?: string) => call(framework, name, [7, 'Hello!'], HELLO, queue);
const sendWelcomePayload = (framework: Framework, name = 'welcome') => call(framework, name, [{ userId: 7, message: 'Hello!' }], HELLO);

const CLEANUP_BODY = 'const purged = [accountId];\nreturn { purged };';
const cleanup = (framework: Framework) =>
  usesPayload(framework) ? payload(framework, 'cleanup', 'accountId', CLEANUP_BODY) : positional(framework, 'cleanup', 'accountId', CLEANUP_BODY);
const sendCleanup = (framework: Framework) => call(framework, 'cleanup', usesPayload(framework) ? [{ accountId: 42 }] : [42], { purged: [42] });

const DIGEST_BODY = 'return { to: userId, body: `Your week: ${count} updates` };';
const digest = (framework: Framework) =>
  usesPayload(framework) ? payload(framework, 'digest', 'userId, count', DIGEST_BODY) : positional(framework, 'digest', 'userId, count', DIGEST_BODY);
const sendDigest = (framework: Framework) =>
  call(framework, 'digest', usesPayload(framework) ? [{ userId: 7, count: 3 }] : [7, 3], { to: 7, body: 'Your week: 3 updates' });

/** The app with only the welcome job, enqueued once. */
const welcomeApp = (framework: Framework): AppVersion =>
  usesPayload(framework) ? { jobs: [welcomePayload(framework)], enqueues: [sendWelcomePayload(framework)] } : { jobs: [welcomePositional(framework)], enqueues: [sendWelcome(framework)] };

const both = (outcome: string): Outcomes => ({ 'old payload → new worker': outcome, 'new payload → old worker': outcome });
const outcomes = (oldToNew: string, newToOld: string): Outcomes => ({ 'old payload → new worker': oldToNew, 'new payload → old worker': newToOld });

const TO_UPPER_CASE = "failed: Cannot read properties of undefined (reading 'toUpperCase')";
const noJob = (name: string) => `failed: No job defined for class "${name}"`;
const unknownJob = (name: string) => `failed: Unknown job '${name}'`;
/** How each framework's worker in these apps fails a job name it does not know. */
const unknownAt = (framework: Framework, name: string) => {
  if (framework === 'pg-boss') return `waiting in queue '${name}'`;
  if (framework === 'graphile-worker') return `waiting: no worker supports '${name}'`;
  return framework === 'bullmq' ? unknownJob(name) : noJob(wire(framework, name));
};

// ---------------------------------------------------------------------------------------------
// The cases.

/** In JavaScript the fix declares the parameter optional with `= undefined`, which is what a missing argument is anyway. */
const JS_FIX_NOTE = 'a JavaScript `= undefined` changes nothing at run time: the handler must still cope with the missing value';

const newRequiredParam: RuntimeCase = {
  id: 'new-required-param',
  title: 'New required positional parameter',
  rules: ['no-new-required-param'],
  breaking: true,
  runs: POSITIONAL.map((framework) => ({
    framework,
    previous: welcomeApp(framework),
    next: {
      jobs: [positional(framework, 'welcome', 'userId, message, locale', 'return { to: userId, body: message, locale: locale.toUpperCase() };')],
      enqueues: [call(framework, 'welcome', [7, 'Hello!', 'fr'], { ...HELLO, locale: 'FR' })],
    },
    stages: [
      { label: 'as written', verdict: ['no-new-required-param'], outcomes: outcomes(TO_UPPER_CASE, COMPLETED) },
      {
        label: 'after the autofix (`locale = undefined`)',
        apply: { fix: true, writes: ['src/jobs.js', 'userId, message, locale = undefined)'] },
        verdict: [],
        note: JS_FIX_NOTE,
        outcomes: outcomes(TO_UPPER_CASE, COMPLETED),
      },
      {
        label: 'after the autofix, with the body handling the missing value',
        apply: { edits: [['src/jobs.js', 'locale.toUpperCase()', "(locale ?? 'en').toUpperCase()"]] },
        verdict: [],
        outcomes: both(COMPLETED),
      },
    ],
  })),
};

const newRequiredField: RuntimeCase = {
  id: 'new-required-field',
  title: 'New required payload field',
  rules: ['no-new-required-param'],
  breaking: true,
  runs: [...ALL, ...POSTGRES].map((framework) => ({
    framework,
    previous: { jobs: [welcomePayload(framework)], enqueues: [sendWelcomePayload(framework)] },
    next: {
      jobs: [payload(framework, 'welcome', 'userId, message, locale', 'return { to: userId, body: message, locale };')],
      enqueues: [call(framework, 'welcome', [{ userId: 7, message: 'Hello!', locale: 'fr' }], { ...HELLO, locale: 'fr' })],
    },
    stages: [
      { label: 'as written', verdict: ['no-new-required-param'], outcomes: outcomes('ran with locale undefined', COMPLETED) },
      {
        label: 'after the autofix (`locale = undefined`)',
        apply: { fix: true, writes: ['src/jobs.js', '{ userId, message, locale = undefined }'] },
        verdict: [],
        note: JS_FIX_NOTE,
        outcomes: outcomes('ran with locale undefined', COMPLETED),
      },
      {
        label: 'after the autofix, with the body handling the missing value',
        apply: { edits: [['src/jobs.js', 'body: message, locale }', "body: message, locale: locale ?? 'en' }"]] },
        verdict: [],
        outcomes: both(COMPLETED),
      },
    ],
  })),
};

/** BullMQ twice: a processor whose `switch` throws on an unknown name, and one without a `default`. */
const WITH_SILENT_BULLMQ: Array<{ framework: Framework; variant?: string }> = [
  ...ALL.map((framework) => ({ framework })),
  { framework: 'bullmq', variant: 'switch without default' },
  ...POSTGRES.map((framework) => ({ framework })),
];

const deletedJob: RuntimeCase = {
  id: 'deleted-job',
  title: 'Job deleted while the deployed version enqueues it',
  rules: ['no-deleted-enqueued-job', 'no-silent-unknown-job'],
  breaking: true,
  runs: WITH_SILENT_BULLMQ.map(({ framework, variant }): CaseRun => {
    const unknown = variant ? ('ignore' as const) : undefined;
    const welcome = welcomeApp(framework);
    return {
      framework,
      variant,
      bystanders: [wire(framework, 'welcome')],
      previous: { jobs: [...welcome.jobs, cleanup(framework)], enqueues: [...welcome.enqueues, sendCleanup(framework)], unknown },
      next: { ...welcome, unknown },
      stages: [
        {
          label: 'as written',
          verdict: variant ? ['no-deleted-enqueued-job', 'no-silent-unknown-job (warning)'] : ['no-deleted-enqueued-job'],
          outcomes: outcomes(variant ? 'completed without doing its work' : unknownAt(framework, 'cleanup'), NOT_ENQUEUED),
        },
      ],
    };
  }),
};

const stopEnqueuingFirst: RuntimeCase = {
  id: 'stop-enqueuing-first',
  title: 'Deletion, deploy 1: the enqueue calls removed, the job kept',
  rules: ['no-deleted-enqueued-job'],
  breaking: false,
  runs: [...ALL, ...POSTGRES].map((framework) => {
    const welcome = welcomeApp(framework);
    return {
      framework,
      bystanders: [wire(framework, 'welcome')],
      previous: { jobs: [...welcome.jobs, cleanup(framework)], enqueues: [...welcome.enqueues, sendCleanup(framework)] },
      next: { jobs: [...welcome.jobs, cleanup(framework)], enqueues: welcome.enqueues },
      stages: [{ label: 'as written', verdict: [], outcomes: outcomes(COMPLETED, NOT_ENQUEUED) }],
    };
  }),
};

const rename: RuntimeCase = {
  id: 'rename',
  title: 'Job renamed, enqueue calls switched to the new name',
  rules: ['no-rename-without-alias', 'no-premature-enqueue', 'no-silent-unknown-job'],
  breaking: true,
  runs: WITH_SILENT_BULLMQ.map(({ framework, variant }): CaseRun => {
    const unknown = variant ? ('ignore' as const) : undefined;
    /** What the worker does with a name it has no handler for. */
    const unknownName = (name: string) => (variant ? 'completed without doing its work' : unknownAt(framework, name));
    /** The silent processor is reported at every stage: it is a hazard of its own. */
    const silent = variant ? ['no-silent-unknown-job (warning)'] : [];
    const onboarding = usesPayload(framework) ? welcomePayload(framework, 'onboarding') : welcomePositional(framework, 'onboarding');
    const sendOnboarding = usesPayload(framework) ? sendWelcomePayload(framework, 'onboarding') : sendWelcome(framework, 'onboarding');
    const [oldName, newName] = [wire(framework, 'welcome'), wire(framework, 'onboarding')];
    const alias: Stage['apply'] =
      framework === 'activejob'
        ? {
            fix: true,
            writes: ['src/jobs.js', `${activeJobClass(onboarding)}\n/** @deprecated Renamed to ${newName}; remove once no deployed code enqueues ${oldName}. */\nexport class ${oldName} extends ${newName} {}\n`],
          }
        : framework === 'node-resque'
          ? { edits: [['src/jobs.js', '  onboarding: { perform: onboarding },\n', '  onboarding: { perform: onboarding },\n  // Renamed to onboarding; remove once no deployed code enqueues welcome.\n  welcome: { perform: onboarding },\n']] }
          : framework === 'pg-boss'
            ? { edits: [['src/jobs.js', "  await boss.createQueue('onboarding');", "  // Renamed to onboarding; remove once no deployed code enqueues welcome.\n  await boss.createQueue('welcome');\n  await boss.work('welcome', { pollingIntervalSeconds: 0.5 }, async ([{ id, data: { userId, message } }]) => {\n    effects.set(id, { to: userId, body: message });\n  });\n  await boss.createQueue('onboarding');"]] }
            : framework === 'graphile-worker'
              ? { edits: [['src/jobs.js', '  onboarding: async (', "  // Renamed to onboarding; remove once no deployed code enqueues welcome.\n  welcome: async ({ userId, message }, helpers) => {\n    effects.set(String(helpers.job.id), { to: userId, body: message });\n  },\n  onboarding: async ("]] }
              : { edits: [['src/worker.js', "      case 'onboarding':", "      case 'welcome': // renamed to onboarding; remove once no deployed code enqueues welcome\n      case 'onboarding':"]] };
    // A job of a name no worker fetches waits (the PostgreSQL queues): enqueuing the new name early fails nothing.
    const premature = POSTGRES.includes(framework) ? [] : ['no-premature-enqueue (warning)'];
    const enqueueOldName: Stage['apply'] = { edits: [['src/enqueue.js', framework === 'activejob' ? newName : `'${newName}'`, framework === 'activejob' ? oldName : `'${oldName}'`]] };
    return {
      framework,
      variant,
      previous: { ...welcomeApp(framework), unknown },
      next: { jobs: [onboarding], enqueues: [sendOnboarding], unknown },
      stages: [
        {
          label: 'as written',
          verdict: [...premature, 'no-rename-without-alias', ...silent],
          outcomes: outcomes(unknownName('welcome'), unknownName('onboarding')),
        },
        {
          label: framework === 'activejob' ? 'after the autofix (the alias class)' : 'with the old name registered by hand (no autofix for string names)',
          apply: alias,
          verdict: [...premature, ...silent],
          ...(POSTGRES.includes(framework) ? { note: 'the new name waits for the workers of this version, which fetch it once deployed: nothing fails' } : {}),
          outcomes: outcomes(COMPLETED, unknownName('onboarding')),
        },
        {
          label: 'and the enqueue calls kept on the old name (deploy 1 of the plan)',
          apply: enqueueOldName,
          verdict: silent,
          ...(variant ? { note: 'a warning about the processor, which would hide the next such mistake' } : {}),
          outcomes: both(COMPLETED),
        },
      ],
    };
  }),
};

const reordered: RuntimeCase = {
  id: 'reordered-params',
  title: 'Positional parameters reordered',
  rules: ['no-incompatible-param-change'],
  breaking: true,
  runs: POSITIONAL.map((framework) => ({
    framework,
    previous: welcomeApp(framework),
    next: { jobs: [positional(framework, 'welcome', 'message, userId', WELCOME_BODY)], enqueues: [call(framework, 'welcome', ['Hello!', 7], HELLO)] },
    stages: [{ label: 'as written', verdict: ['no-incompatible-param-change'], outcomes: both("wrong data: to='Hello!' (sent 7), body=7 (sent 'Hello!')") }],
  })),
};

const renamedField: RuntimeCase = {
  id: 'renamed-field',
  title: 'Payload field renamed',
  rules: ['no-incompatible-param-change'],
  breaking: true,
  runs: [...ALL, ...POSTGRES].map((framework) => ({
    framework,
    previous: { jobs: [welcomePayload(framework)], enqueues: [sendWelcomePayload(framework)] },
    next: {
      jobs: [payload(framework, 'welcome', 'userId, text', 'return { to: userId, body: text };')],
      enqueues: [call(framework, 'welcome', [{ userId: 7, text: 'Hello!' }], HELLO)],
    },
    stages: [{ label: 'as written', verdict: ['no-incompatible-param-change', 'no-new-required-param'], outcomes: both('ran with body undefined') }],
  })),
};

const newOptionalParam: RuntimeCase = {
  id: 'new-optional-param',
  title: 'New optional positional parameter (with a default)',
  rules: ['no-new-required-param'],
  breaking: false,
  runs: POSITIONAL.map((framework) => ({
    framework,
    previous: welcomeApp(framework),
    next: {
      jobs: [positional(framework, 'welcome', "userId, message, locale = 'en'", 'return { to: userId, body: message, locale };')],
      enqueues: [call(framework, 'welcome', [7, 'Hello!', 'fr'], { ...HELLO, locale: 'fr' })],
    },
    stages: [{ label: 'as written', verdict: [], outcomes: both(COMPLETED) }],
  })),
};

const newOptionalField: RuntimeCase = {
  id: 'new-optional-field',
  title: 'New optional payload field (with a default)',
  rules: ['no-new-required-param'],
  breaking: false,
  runs: [...ALL, ...POSTGRES].map((framework) => ({
    framework,
    previous: { jobs: [welcomePayload(framework)], enqueues: [sendWelcomePayload(framework)] },
    next: {
      jobs: [payload(framework, 'welcome', "userId, message, locale = 'en'", 'return { to: userId, body: message, locale };')],
      enqueues: [call(framework, 'welcome', [{ userId: 7, message: 'Hello!', locale: 'fr' }], { ...HELLO, locale: 'fr' })],
    },
    stages: [{ label: 'as written', verdict: [], outcomes: both(COMPLETED) }],
  })),
};

const renamedInPlace: RuntimeCase = {
  id: 'param-renamed-in-place',
  title: 'Positional parameter renamed in place',
  rules: ['no-incompatible-param-change'],
  breaking: false,
  runs: POSITIONAL.map((framework) => ({
    framework,
    previous: welcomeApp(framework),
    next: { jobs: [positional(framework, 'welcome', 'recipientId, text', 'return { to: recipientId, body: text };')], enqueues: [sendWelcome(framework)] },
    stages: [{ label: 'as written', verdict: [], outcomes: both(COMPLETED) }],
  })),
};

const queueChange: RuntimeCase = {
  id: 'queue-change',
  title: 'Job moved to another queue, workers moved with it',
  rules: ['no-queue-change'],
  breaking: true,
  runs: ALL.map((framework) => {
    const welcome = welcomeApp(framework);
    const moved: AppVersion =
      framework === 'activejob'
        ? { ...welcome, classQueues: { [wire(framework, 'welcome')]: 'bulk' } }
        : { ...welcome, enqueues: welcome.enqueues.map((each) => ({ ...each, queue: 'bulk' })), workerQueues: ['bulk'] };
    return {
      framework,
      previous: welcome,
      next: moved,
      stages: [
        {
          label: 'as written',
          verdict: framework === 'node-resque' ? [] : ['no-queue-change'],
          ...(framework === 'node-resque' ? { note: 'not detected: node-resque names the queue at each enqueue call, and no rule compares those' } : {}),
          outcomes: outcomes("stuck in queue 'mail'", "stuck in queue 'bulk'"),
        },
      ],
    };
  }),
};

const prematureEnqueue: RuntimeCase = {
  id: 'premature-enqueue',
  title: 'New job enqueued in the deploy that adds it',
  rules: ['no-premature-enqueue'],
  breaking: true,
  runs: ALL.map((framework) => {
    const welcome = welcomeApp(framework);
    return {
      framework,
      bystanders: [wire(framework, 'welcome')],
      previous: welcome,
      next: { jobs: [...welcome.jobs, digest(framework)], enqueues: [...welcome.enqueues, sendDigest(framework)] },
      stages: [{ label: 'as written', verdict: ['no-premature-enqueue (warning)'], outcomes: outcomes(NOT_ENQUEUED, unknownAt(framework, 'digest')) }],
    };
  }),
};

const enqueueAfterDeploy: RuntimeCase = {
  id: 'enqueue-after-deploy',
  title: 'New job enqueued once the deployed workers have it (deploy 2)',
  rules: ['no-premature-enqueue'],
  breaking: false,
  runs: ALL.map((framework) => {
    const welcome = welcomeApp(framework);
    return {
      framework,
      bystanders: [wire(framework, 'welcome')],
      previous: { jobs: [...welcome.jobs, digest(framework)], enqueues: welcome.enqueues },
      next: { jobs: [...welcome.jobs, digest(framework)], enqueues: [...welcome.enqueues, sendDigest(framework)] },
      stages: [{ label: 'as written', verdict: [], outcomes: outcomes(NOT_ENQUEUED, COMPLETED) }],
    };
  }),
};

const unknownName: RuntimeCase = {
  id: 'unknown-job',
  title: 'Enqueue call with a misspelt job name',
  rules: ['no-unknown-job'],
  breaking: true,
  runs: (['node-resque', 'bullmq'] as const).map((framework) => {
    const welcome = welcomeApp(framework);
    return {
      framework,
      bystanders: ['welcome'],
      previous: welcome,
      next: { ...welcome, enqueues: welcome.enqueues.map((each) => ({ ...each, name: 'welcom' })) },
      stages: [{ label: 'as written', verdict: ['no-unknown-job'], outcomes: outcomes(NOT_ENQUEUED, unknownAt(framework, 'welcom')) }],
    };
  }),
};

const tooFewArguments: RuntimeCase = {
  id: 'too-few-arguments',
  title: 'Enqueue call passing fewer arguments than the handler requires',
  rules: ['enqueue-args-match'],
  breaking: true,
  runs: POSITIONAL.map((framework) => {
    const welcome = welcomeApp(framework);
    return {
      framework,
      previous: welcome,
      next: { ...welcome, enqueues: [call(framework, 'welcome', [7], { to: 7 })] },
      stages: [{ label: 'as written', verdict: ['enqueue-args-match'], outcomes: outcomes(COMPLETED, 'ran with body undefined') }],
    };
  }),
};

/**
 * The field made optional and a new producer that omits it, in one release: the deployed workers
 * still require it, and run the new producer's jobs without it. Keeping the field at the new call
 * until the release is deployed (the plan) makes both directions complete.
 */
const omitsDeployedField: RuntimeCase = {
  id: 'omits-deployed-field',
  title: 'A field made optional, and a new enqueue call that omits it, in one release',
  rules: ['no-incompatible-param-change'],
  breaking: true,
  runs: (['node-resque', 'bullmq'] as Framework[]).map((framework) => ({
    framework,
    previous: { jobs: [welcomePayload(framework)], enqueues: [sendWelcomePayload(framework)] },
    next: {
      jobs: [payload(framework, 'welcome', "userId, message = 'Welcome!'", WELCOME_BODY)],
      enqueues: [call(framework, 'welcome', [{ userId: 7 }], { to: 7, body: 'Welcome!' })],
    },
    stages: [
      { label: 'as written', verdict: ['no-incompatible-param-change'], outcomes: outcomes(COMPLETED, 'ran with body undefined') },
      {
        label: 'with the field still sent until the release is deployed',
        apply: { edits: [['src/enqueue.js', '{ userId: 7 }', "{ userId: 7, message: 'Welcome!' }"]] },
        verdict: [],
        outcomes: both(COMPLETED),
      },
    ],
  })),
};

export const CASES: RuntimeCase[] = [
  newRequiredParam,
  newRequiredField,
  deletedJob,
  stopEnqueuingFirst,
  rename,
  reordered,
  renamedField,
  newOptionalParam,
  newOptionalField,
  renamedInPlace,
  queueChange,
  prematureEnqueue,
  enqueueAfterDeploy,
  unknownName,
  tooFewArguments,
  omitsDeployedField,
];
