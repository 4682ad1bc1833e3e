import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getCandidatePattern } from '../../src/adapters/adapter-set.js';
import { DEFAULT_JOB_PATTERN, type JobPattern } from '../../src/adapters/job-pattern.js';
import { GitTreeSource } from '../../src/baseline/git-source.js';
import { parseSnapshot, serializeSnapshot } from '../../src/model/snapshot.js';
import { buildContractSet } from '../../src/project/build-contracts.js';
import { FactsCache } from '../../src/project/facts-cache.js';
import { loadProject } from '../../src/project/load-project.js';
import { readSettings } from '../../src/settings.js';
import { buildContracts } from '../helpers/fixture-project.js';
import { TempRepo } from '../helpers/git-repo.js';
import { CUSTOM_ADAPTERS, FIXTURES_DIR, packageJson, readFixture } from './frameworks-fixtures.js';
import { jobsByName } from '../helpers/contracts.js';

const AGENDA_JOBS = "agenda.define('send email', async (job: Job<{ to: string }>) => {});\n";
const AGENDA_ENQUEUE = "await agenda.now('send email', { to: 'a' });\n";
const FAKTORY_JOBS = "faktory.register('Resize', async (id: unknown) => {});\n";
const FAKTORY_ENQUEUE = "await client.job('Resize', 1).push();\n";

describe('which presets are enabled', () => {
  it('follows the nearest package.json of each file, plus activejob everywhere', () => {
    const set = buildContracts({
      'package.json': packageJson({}),
      'packages/mailer/package.json': packageJson({ agenda: '6.2.6' }),
      'packages/mailer/jobs.ts': AGENDA_JOBS + FAKTORY_JOBS,
      'packages/mailer/send.ts': AGENDA_ENQUEUE + FAKTORY_ENQUEUE,
      'packages/media/package.json': packageJson({ 'faktory-worker': '4.7.1' }),
      'packages/media/jobs.ts': AGENDA_JOBS.replace('send email', 'media email') + FAKTORY_JOBS,
      'packages/media/send.ts': FAKTORY_ENQUEUE,
      'app/jobs.ts': 'export class NightlyJob extends ApplicationJob { perform(id: number) {} }\n' + FAKTORY_JOBS.replace('Resize', 'Orphan'),
    });
    expect([...set.jobs.values()].map((job) => `${job.wireName}:${job.adapter}:${job.location.file}`).sort()).toEqual([
      'NightlyJob:activejob:app/jobs.ts',
      'Resize:faktory-worker:packages/media/jobs.ts',
      'send email:agenda:packages/mailer/jobs.ts',
    ]);
    expect(set.sites.map((site) => `${site.wireName}:${site.adapter}:${site.location.file}`)).toEqual([
      'send email:agenda:packages/mailer/send.ts',
      'Resize:faktory-worker:packages/media/send.ts',
    ]);
  });

  it('takes exactly the presets listed in frameworks, and declared adapters always', () => {
    const files = {
      'package.json': packageJson({ agenda: '6.2.6' }),
      'jobs.ts': AGENDA_JOBS + FAKTORY_JOBS + 'export class NightlyJob extends ApplicationJob { perform(id: number) {} }\n',
    };
    const keys = (pattern: JobPattern) => [...jobsByName(buildContracts(files, pattern)).keys()].sort();
    expect(keys(DEFAULT_JOB_PATTERN)).toEqual(['NightlyJob', 'send email']);
    expect(keys({ ...DEFAULT_JOB_PATTERN, frameworks: ['faktory-worker'] })).toEqual(['Resize']);
    expect(keys({ ...DEFAULT_JOB_PATTERN, frameworks: ['activejob', 'faktory-worker'] })).toEqual(['NightlyJob', 'Resize']);
    expect(keys({ ...DEFAULT_JOB_PATTERN, frameworks: [], adapters: [{ type: 'string-registry', name: 'mine', extends: 'agenda' }] })).toEqual(['send email']);
  });

  it('reads the package.json of the baseline revision for the baseline', () => {
    const repo = new TempRepo();
    try {
      const deployed = repo.commit({ 'package.json': packageJson({}), 'jobs.ts': AGENDA_JOBS });
      const current = repo.commit({ 'package.json': packageJson({ agenda: '6.2.6' }) });
      const load = (commit: string) => {
        const cache = new FactsCache(DEFAULT_JOB_PATTERN, JSON.stringify(DEFAULT_JOB_PATTERN));
        const source = new GitTreeSource(repo.dir, commit, getCandidatePattern(DEFAULT_JOB_PATTERN));
        const project = loadProject(source, cache);
        return buildContractSet(project.files, DEFAULT_JOB_PATTERN, project.modules);
      };
      expect([...jobsByName(load(deployed)).keys()]).toEqual([]);
      expect([...jobsByName(load(current)).keys()]).toEqual(['send email']);
    } finally {
      repo.remove();
    }
  });
});

describe('adapter settings', () => {
  it('puts frameworks and declared adapters into the pattern, which keys every cache', () => {
    const result = readSettings({ 'safe-jobs': { frameworks: ['agenda', 'in-house'], adapters: [CUSTOM_ADAPTERS[1]!, { ...CUSTOM_ADAPTERS[1]!, name: 'in-house' }] } }, {});
    expect('settings' in result && result.settings.pattern.frameworks).toEqual(['agenda', 'in-house']);
    expect('settings' in result && result.settings.patternKey).toContain('in-house');
  });

  it.each([
    [{ frameworks: ['resque'] }, /frameworks\.0: 'resque' is neither a preset \(activejob, sidequest, app-task, node-resque, faktory-worker, agenda, pg-boss, graphile-worker, bullmq, bull, trigger\.dev, temporal, inngest\) nor a declared adapter/],
    [{ adapters: [{ type: 'class-job', name: 'x', extends: 'agenda' }] }, /adapters\.0\.extends: 'agenda' is a string-registry preset, not a class-job one/],
    [{ adapters: [{ type: 'queue', name: 'x' }] }, /settings\['safe-jobs'\]\.adapters\.0\.type/],
    [{ adapters: [{ type: 'string-registry', name: 'x', enqueue: [{ methods: ['push'], nameArg: 0, payloadArg: 1, payload: 'object' }] }] }, /adapters\.0\.enqueue\.0\.payload/],
    [{ adapters: [CUSTOM_ADAPTERS[0]!, CUSTOM_ADAPTERS[0]!] }, /adapters\.1\.name: 'queue-job' is declared twice/],
  ])('explains a bad adapter setting %j', (value, message) => {
    const result = readSettings({ 'safe-jobs': value }, {});
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('the candidate prefilter with every preset', () => {
  const source = getCandidatePattern(DEFAULT_JOB_PATTERN);
  const test = new RegExp(source);

  it('selects every fixture file that defines or enqueues a job', () => {
    // Files that only declare names, types or plain functions are loaded by following imports.
    const support = ['names.ts', 'base-task.ts', 'types.ts', 'mailer.ts', 'activities.ts'];
    for (const preset of ['node-resque', 'sidequest', 'faktory-worker', 'agenda', 'app-task', 'bullmq', 'nestjs-bullmq', 'bull', 'pg-boss', 'trigger.dev', 'graphile-worker', 'temporal', 'inngest']) {
      for (const [path, text] of Object.entries(readFixture(preset, preset))) {
        if (!support.some((name) => path.endsWith(`/${name}`))) expect([path, test.test(text)]).toEqual([path, true]);
      }
    }
  });

  it('leaves ordinary code alone', () => {
    for (const text of [
      'const t = Date.now();',
      'items.every((item) => item.ok);',
      'items.every(isValid);',
      'set.add(item);',
      "set.add('item');",
      "res.send('Hello');",
      "socket.send('ping', {});",
      "element.classList.add('active');",
      'app.use(router);',
      'performance.now()',
    ]) {
      expect([text, test.test(text)]).toEqual([text, false]);
    }
  });

  it('selects the same files with git grep -E as in process', () => {
    const repo = new TempRepo();
    try {
      const files: Record<string, string> = {};
      for (const preset of ['node-resque', 'sidequest', 'faktory-worker', 'agenda', 'app-task', 'custom', 'bullmq', 'nestjs-bullmq', 'bull', 'pg-boss', 'trigger.dev', 'graphile-worker', 'temporal', 'inngest']) {
        for (const [path, text] of Object.entries(readFixture(preset, preset))) files[path] = text;
      }
      Object.assign(files, {
        'plain/a.ts': 'items.every((item) => item.ok);\n',
        'plain/b.ts': 'agenda.now(\n  name,\n);\n',
        'plain/c.ts': "agenda.now<Data>('x', {});\n",
        'plain/d.ts': "queue.enqueueIn(60 * 1000, 'math', 'add', []);\n",
        'plain/e.ts': "agenda.schedule(new Date(), 'x', {});\n",
        'plain/f.ts': 'items.every(isValid);\n',
        'plain/g.ts': "res.send('Hello');\nset.add('x');\n",
        'plain/h.ts': "await this.mailQueue.add('welcome', {});\n",
        'plain/i.ts': "await this.pgBoss.send('invoice', {});\n",
        'plain/j.ts': "import { Worker } from 'bullmq';\n",
        'plain/k.ts': "@Processor('email')\nclass P {}\n",
        'plain/l.js': 'module.exports = async (payload, helpers) => {};\n',
        'plain/m.ts': "await helpers.addJob('send_email', {});\n",
        'plain/n.ts': "const sql = `select graphile_worker.add_job('x')`;\n",
        'plain/o.ts': "await hello.trigger({ name: 'a' });\n",
      });
      repo.commit(files);
      const grep = execFileSync('git', ['grep', '-l', '-E', '-e', source], { cwd: repo.dir, encoding: 'utf8' }).split('\n').filter(Boolean).sort();
      const inProcess = Object.entries(files).filter(([, text]) => test.test(text)).map(([path]) => path).sort();
      expect(grep).toEqual(inProcess);
      expect(inProcess).toContain('plain/c.ts');
      expect(inProcess).not.toContain('plain/a.ts');
      expect(inProcess).not.toContain('plain/g.ts');
      expect(inProcess).toEqual(expect.arrayContaining(['plain/h.ts', 'plain/i.ts', 'plain/j.ts', 'plain/k.ts', 'plain/l.js', 'plain/m.ts', 'plain/n.ts', 'plain/o.ts']));
    } finally {
      repo.remove();
    }
  });
});

describe('snapshots', () => {
  it('carry the adapter, serialization and queue of the new presets, and read version 1 files without them', () => {
    const set = buildContracts({ 'package.json': packageJson({ 'node-resque': '9.7.1' }), ...readFixture('node-resque') });
    const parsed = parseSnapshot(serializeSnapshot(set, {}), 'x.json').set;
    expect(jobsByName(parsed).get('add')).toMatchObject({ adapter: 'node-resque', serialization: 'json' });
    expect(parsed.sites[0]).toMatchObject({ adapter: 'node-resque', queue: 'math', nameSource: 'string' });
    const old = JSON.parse(serializeSnapshot(set, {}));
    for (const job of old.jobs) {
      delete job.adapter;
      delete job.serialization;
    }
    for (const site of old.sites) {
      delete site.adapter;
      delete site.queue;
    }
    expect(jobsByName(parseSnapshot(JSON.stringify(old), 'old.json').set).get('add')!.adapter).toBeUndefined();
  });
});

describe('the fixtures', () => {
  it('type-check against the real libraries', () => {
    const tsc = new URL('../../node_modules/typescript/bin/tsc', import.meta.url).pathname;
    expect(() => execFileSync(process.execPath, [tsc, '--noEmit', '-p', `${FIXTURES_DIR}/tsconfig.json`], { encoding: 'utf8', stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});

describe('jobs and sites of several kinds in one project', () => {
  it('a wire name defined by two frameworks is two jobs: a BullMQ job and a Trigger.dev task of the same name', () => {
    const files = {
      'package.json': JSON.stringify({ dependencies: { bullmq: '6.7.0', '@trigger.dev/sdk': '4.8.3' } }),
      'src/a-trigger.ts': "import { task } from '@trigger.dev/sdk';\nexport const email = task({ id: 'email', run: async (payload: { to: string }) => {} });\n",
      'src/b-worker.ts': "import { Worker } from 'bullmq';\nnew Worker('mail', async (job) => { switch (job.name) { case 'email': return; default: throw new Error('x'); } });\n",
    };
    const jobs = [...buildContracts(files, DEFAULT_JOB_PATTERN).jobs.values()].map((job) => [job.wireName, job.framework, job.adapter, job.location.file]);
    expect(jobs).toEqual([
      ['email', 'trigger.dev', 'trigger.dev', 'src/a-trigger.ts'],
      ['email', 'bullmq', 'bullmq', 'src/b-worker.ts'],
    ]);
  });

  it('a call that names its job by a binding is no string-named site of a declared registry reading the same call', () => {
    const pattern: JobPattern = {
      ...DEFAULT_JOB_PATTERN,
      adapters: [{ type: 'string-registry', name: 'starter', register: [{ methods: ['register'], nameArg: 0, handlerArg: 1 }], enqueue: [{ methods: ['start'], nameArg: 0, payloadArg: 1, payload: 'single' }] }],
    };
    const set = buildContracts(
      {
        'src/start.ts': "import { NAME } from './names';\nclient.start('daily', {});\nclient.workflow.start(NAME, { args: [] });\n",
        'src/names.ts': "export const NAME = 'nightly';\n",
      },
      pattern,
    );
    // The registry reads its own calls by string; the workflow start names a function (bound to a
    // string here, outside any workflow module), which only the workflow kind reads.
    expect(set.sites.map((site) => site.wireName)).toEqual(['daily']);
  });
});
