import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll } from 'vitest';
import noDeletedEnqueuedJob from '../../src/rules/no-deleted-enqueued-job.js';
import noPrematureEnqueue from '../../src/rules/no-premature-enqueue.js';
import { fixtureProject, removeFixtureProjects } from '../helpers/fixture-project.js';

afterAll(removeFixtureProjects);

const ruleTester = new RuleTester();

const job = (name: string, queue?: string) =>
  `export class ${name} extends ApplicationJob {\n${queue ? `  static queue = '${queue}';\n` : ''}  perform(id: number) {}\n}\n`;
const enqueue = (name: string) => `import { ${name} } from './jobs';\n${name}.performLater(1);\n`;

const deleted = fixtureProject({
  baseline: { 'jobs.ts': job('CleanupJob') + job('ReportJob'), 'cron.ts': enqueue('CleanupJob') },
  current: { 'jobs.ts': job('ReportJob') },
});
const deletedAt = { filename: deleted.file('cron.ts'), settings: deleted.settings };
const deletedData = { job: 'CleanupJob', sites: 'cron.ts:2', baseline: deleted.baselineLabel, drain: '' };

ruleTester.run('no-deleted-enqueued-job', noDeletedEnqueuedJob, {
  valid: [
    { name: 'a file that never enqueued it', ...deletedAt, filename: deleted.file('other.ts'), code: enqueue('ReportJob') },
    { name: 'retired on purpose', ...deletedAt, settings: { 'safe-jobs': { ...deleted.settings['safe-jobs'], retiredJobs: ['CleanupJob'] } }, code: 'export {};\n' },
  ],
  invalid: [
    {
      name: 'reported where the enqueue call stood',
      ...deletedAt,
      code: "import { ReportJob } from './jobs';\nReportJob.performLater(1);\n",
      errors: [{ messageId: 'deletedJob', line: 2, column: 1, data: deletedData }],
    },
    {
      name: 'reported on an enqueue call that still names it',
      ...deletedAt,
      code: `// still here\n${enqueue('CleanupJob')}`,
      errors: [{ messageId: 'deletedJobStillEnqueued', line: 3, data: deletedData }],
    },
    {
      name: 'the nearest line when the file is shorter now',
      ...deletedAt,
      code: 'export {};\n',
      errors: [{ messageId: 'deletedJob', line: 1, data: deletedData }],
    },
  ],
});

const added = fixtureProject({
  baseline: { 'jobs.ts': job('ReportJob') },
  current: { 'jobs.ts': job('ReportJob') + job('DigestJob') + job('ExportJob', 'exports') },
});
const addedAt = { filename: added.file('app.ts'), settings: added.settings };

ruleTester.run('no-premature-enqueue', noPrematureEnqueue, {
  valid: [
    { ...addedAt, code: enqueue('ReportJob') },
    { name: 'a queue the deployed workers do not read', ...addedAt, code: enqueue('ExportJob') },
    { name: 'allow-listed', ...addedAt, options: [{ allow: ['DigestJob'] }], code: enqueue('DigestJob') },
  ],
  invalid: [
    {
      ...addedAt,
      code: enqueue('DigestJob'),
      errors: [{ messageId: 'prematureEnqueue', line: 2, column: 1, data: { job: 'DigestJob', baseline: added.baselineLabel, queue: '', isNewQueue: 'false' } }],
    },
    {
      name: 'a new queue counts when ignoreNewQueues is off',
      ...addedAt,
      options: [{ ignoreNewQueues: false }],
      code: enqueue('ExportJob'),
      errors: [{ messageId: 'prematureEnqueue', data: { job: 'ExportJob', baseline: added.baselineLabel, queue: 'exports', isNewQueue: 'true' } }],
    },
  ],
});
