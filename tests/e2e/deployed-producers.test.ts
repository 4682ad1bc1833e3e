/**
 * What the deployed version still does: enqueue sites checked against the deployed handler (new
 * payload → old worker; a release that makes a field optional and adds a producer that omits it
 * breaks the workers still running the deployed version), and findings placed where a deployed
 * call stood, moved onto the current text. Real git repositories, through ESLint.
 */
import { describe, expect, it } from 'vitest';
import { summary, useDeployments } from '../helpers/deployed.js';
import type { Files } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const deploy = useDeployments();

const APPLICATION_JOB = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]) {}\n}\n';
const importJob = (fields: string) =>
  `import { ApplicationJob } from './application-job';\n\nexport class ImportJob extends ApplicationJob {\n  perform(props: {\n${fields}\n  }) {\n    console.log(props);\n  }\n}\n`;

describe('producers checked against the deployed handler', () => {
  const app: Files = {
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/import-job.ts': importJob('    key: string;\n    ip: string;'),
    'src/upload.ts': "import { ImportJob } from './import-job';\n\nexport const upload = (key: string) => ImportJob.performLater({ key, ip: '::1' });\n",
  };

  it('reports a new producer that omits a field the deployed workers require, made optional in the same release', async () => {
    const repo = deploy(app);
    repo.write({
      'src/import-job.ts': importJob('    key?: string;\n    ip: string;\n    content?: string;'),
      'src/paste.ts': "import { ImportJob } from './import-job';\n\nexport const paste = (content: string) => ImportJob.performLater({ content, ip: '::1' });\n",
    });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/paste.ts:3']);
    expect(messages[0]!.message).toMatch(/^This enqueues job 'ImportJob' without field\(s\) 'key', which old workers \(main at [0-9a-f]{7}\) require/);
  });

  it('is silent once the release that made the field optional is the deployed one', async () => {
    const repo = deploy({ ...app, 'src/import-job.ts': importJob('    key?: string;\n    ip: string;\n    content?: string;') });
    repo.write({ 'src/paste.ts': "import { ImportJob } from './import-job';\n\nexport const paste = (content: string) => ImportJob.performLater({ content, ip: '::1' });\n" });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('leaves a producer unchanged since the deployed version alone, and a producer that still sends the field', async () => {
    const repo = deploy(app);
    repo.write({
      'src/import-job.ts': importJob('    key?: string;\n    ip: string;'),
      'src/again.ts': "import { ImportJob } from './import-job';\n\nexport const again = (key: string) => ImportJob.performLater({ ip: '::2', key });\n",
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
  });

  it('checks positional arguments in JavaScript too', async () => {
    const repo = deploy({
      'package.json': '{ "name": "app", "type": "module" }\n',
      'src/application-job.js': 'export class ApplicationJob {\n  static performLater() {}\n}\n',
      'src/mail-job.js': "import { ApplicationJob } from './application-job.js';\n\nexport class MailJob extends ApplicationJob {\n  perform(id, locale) {\n    console.log(id, locale);\n  }\n}\n",
      'src/signup.js': "import { MailJob } from './mail-job.js';\n\nexport const signUp = (id) => MailJob.performLater(id, 'en');\n",
    });
    repo.write({
      'src/mail-job.js': "import { ApplicationJob } from './application-job.js';\n\nexport class MailJob extends ApplicationJob {\n  perform(id, locale = 'en') {\n    console.log(id, locale);\n  }\n}\n",
      'src/invite.js': "import { MailJob } from './mail-job.js';\n\nexport const invite = (id) => MailJob.performLater(id);\n",
    });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/invite.js:3']);
    expect(messages[0]!.message).toContain("without argument(s) 'locale', which old workers (");
  });
});

describe('values a new producer sends that the deployed type does not accept', () => {
  const app: Files = {
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/import-job.ts': importJob("    key: string;\n    format: 'csv' | 'json';"),
    'src/upload.ts': "import { ImportJob } from './import-job';\n\nexport const upload = (key: string) => ImportJob.performLater({ key, format: 'csv' });\n",
  };

  it('reports a widening released with the first producer of the new values, on the producer', async () => {
    const repo = deploy(app);
    repo.write({
      'src/import-job.ts': importJob("    key: string | null;\n    format: 'csv' | 'json' | 'pdf';"),
      'src/paste.ts': "import { ImportJob } from './import-job';\n\nexport const paste = () => ImportJob.performLater({ key: null, format: 'pdf' });\n",
    });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/paste.ts:3', 'safe-jobs/no-incompatible-param-change@src/paste.ts:3']);
    expect(messages.map((message) => message.message.slice(0, message.message.indexOf('. They')))).toEqual([
      expect.stringMatching(/^This enqueues job 'ImportJob' with field 'key' = null, which old workers \(main at [0-9a-f]{7}\) do not accept$/),
      expect.stringMatching(/^This enqueues job 'ImportJob' with field 'format' = "pdf", which old workers/),
    ]);
    expect(messages[0]!.message).toContain("They type it 'string'");
  });

  it('is silent for values the deployed type accepts, for a call already deployed, and once the wider type is the deployed one', async () => {
    const repo = deploy(app);
    repo.write({
      'src/import-job.ts': importJob("    key: string | null;\n    format: 'csv' | 'json' | 'pdf';"),
      'src/paste.ts': "import { ImportJob } from './import-job';\n\nexport const paste = () => ImportJob.performLater({ key: `k-${Date.now()}`, format: 'json' });\n",
    });
    expect(await lintFiles(repo.dir)).toEqual([]);
    const widened = deploy({ ...app, 'src/import-job.ts': importJob("    key: string | null;\n    format: 'csv' | 'json' | 'pdf';") });
    widened.write({ 'src/paste.ts': "import { ImportJob } from './import-job';\n\nexport const paste = () => ImportJob.performLater({ key: null, format: 'pdf' });\n" });
    expect(await lintFiles(widened.dir)).toEqual([]);
    // A value some deployed call already sends is no new value for the old workers, whatever their type says.
    const sentAlready = deploy({ ...app, 'src/reset.ts': "import { ImportJob } from './import-job';\n\n// @ts-expect-error the deployed type says string\nexport const reset = () => ImportJob.performLater({ key: null, format: 'csv' });\n" });
    sentAlready.write({ 'src/paste.ts': "import { ImportJob } from './import-job';\n\n// @ts-expect-error the deployed type says string\nexport const paste = () => ImportJob.performLater({ key: null, format: 'json' });\n" });
    expect(await lintFiles(sentAlready.dir)).toEqual([]);
  });

  it('checks positional arguments written as literals', async () => {
    const mail = (params: string) => `import { ApplicationJob } from './application-job';\n\nexport class MailJob extends ApplicationJob {\n  perform(${params}) {\n    console.log(id);\n  }\n}\n`;
    const repo = deploy({ 'package.json': '{ "name": "app", "private": true }\n', 'src/application-job.ts': APPLICATION_JOB, 'src/mail-job.ts': mail('id: number') });
    repo.write({ 'src/mail-job.ts': mail('id: number | string'), 'src/invite.ts': "import { MailJob } from './mail-job';\n\nexport const invite = () => MailJob.performLater('user-1');\n" });
    const messages = await lintFiles(repo.dir);
    expect(summary(messages)).toEqual(['safe-jobs/no-incompatible-param-change@src/invite.ts:3']);
    expect(messages[0]!.message).toContain("with argument 'id' = \"user-1\", which old workers (");
  });
});

describe('findings placed from the baseline, on the current text', () => {
  const job = "import { ApplicationJob } from './application-job';\n\nexport class WelcomeJob extends ApplicationJob {\n  perform(id: number) {\n    console.log(id);\n  }\n}\n";
  const signUp =
    "import { WelcomeJob } from './welcome-job';\nimport { log } from './log';\n\nexport const signUp = (id: number) => {\n  log(id);\n  WelcomeJob.performLater(id);\n};\n";
  const app: Files = {
    'package.json': '{ "name": "app", "private": true }\n',
    'src/application-job.ts': APPLICATION_JOB,
    'src/log.ts': 'export const log = (value: unknown) => console.log(value);\n',
    'src/welcome-job.ts': job,
    'src/signup.ts': signUp,
  };

  it('puts a deletion whose deployed call is gone on the first line of the file that still exists, never past its end', async () => {
    const repo = deploy(app);
    repo.write({ 'src/welcome-job.ts': null, 'src/signup.ts': "import { log } from './log';\n\nexport const signUp = (id: number) => log(id);\n" });
    const messages = await lintFiles(repo.dir);
    expect(messages.map((message) => `${message.rule}@${message.file}:${message.line}:${message.column}`)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.ts:1:1']);
  });

  it('puts it on the nearest line that still names the job', async () => {
    const repo = deploy(app);
    repo.write({
      'src/welcome-job.ts': null,
      'src/signup.ts': "import { log } from './log';\n\nexport const signUp = (id: number) => {\n  // WelcomeJob moved to the mailer service\n  log(id);\n};\n",
    });
    const messages = await lintFiles(repo.dir);
    expect(messages.map((message) => `${message.rule}@${message.file}:${message.line}:${message.column}`)).toEqual(['safe-jobs/no-deleted-enqueued-job@src/signup.ts:4:6']);
  });
});
