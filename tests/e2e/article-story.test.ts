import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { lintFiles } from '../helpers/lint.js';

const BASE = `export abstract class ApplicationJob {
  static performLater(...args: unknown[]): Promise<void> {
    return Promise.resolve();
  }
}
`;

const jobN = `import { ApplicationJob } from './application-job';

export class UserConfirmationJob extends ApplicationJob {
  perform(id: number, message: string) {
    console.log(id, message);
  }
}
`;

const enqueuerN = `import { UserConfirmationJob } from './jobs/user-confirmation-job';

export function signUp(id: number) {
  return UserConfirmationJob.performLater(id, 'hello!');
}
`;

let repo: TempRepo;
afterEach(() => repo?.remove());

function story(): TempRepo {
  repo = new TempRepo();
  repo.commit({
    'src/jobs/application-job.ts': BASE,
    'src/jobs/user-confirmation-job.ts': jobN,
    'src/signup.ts': enqueuerN,
  });
  return repo;
}

describe("the article's UserConfirmationJob story", () => {
  it('reports the new required parameter on the parameter, with the two-step plan', async () => {
    story().write({ 'src/jobs/user-confirmation-job.ts': jobN.replace('message: string)', 'message: string, date: string)') });
    const messages = await lintFiles(repo.dir);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ file: 'src/jobs/user-confirmation-job.ts', rule: 'safe-jobs/no-new-required-param', line: 4, column: 40, severity: 2 });
    expect(messages[0]!.message).toContain("Job 'UserConfirmationJob' now requires parameter 'date'");
    expect(messages[0]!.message).toMatch(/main at [0-9a-f]{7}/);
    expect(messages[0]!.message).toContain('Step 1: make it optional');
  });

  it('fixes it to the transitional form, which then passes', async () => {
    story().write({ 'src/jobs/user-confirmation-job.ts': jobN.replace('message: string)', 'message: string, date: string)') });
    const fixed = await lintFiles(repo.dir, ['.'], { fix: true });
    expect(fixed).toEqual([]);
    expect(readFileSync(repo.path('src/jobs/user-confirmation-job.ts'), 'utf8')).toContain('perform(id: number, message: string, date?: string)');
  });
});
