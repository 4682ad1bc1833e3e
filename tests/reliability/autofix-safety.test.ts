/**
 * Every fix the rules offer, applied as `eslint --fix` applies it, on one project that holds
 * each case: the output parses, type-checks, is idempotent, and fixes of different rules in
 * one file never overlap.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempRepo } from '../helpers/git-repo.js';
import { createESLint } from '../helpers/lint.js';

const root = new URL('../..', import.meta.url).pathname;

const BASE = 'export abstract class ApplicationJob {\n  static performLater(..._args: unknown[]): void {}\n}\n';
const BODY = "const text = `${id}`;\n    if (!text) return;\n    console.log('sending', text, { at: Date.now() });";

const deployed = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', allowJs: true, checkJs: false, skipLibCheck: true, types: [] }, include: ['src'] }),
  'src/application-job.ts': BASE,
  'src/end.ts': `import { ApplicationJob } from './application-job';\nexport class EndJob extends ApplicationJob {\n  perform(id: number) {\n    console.log(id);\n  }\n}\n`,
  'src/middle.ts': `import { ApplicationJob } from './application-job';\nexport class MiddleJob extends ApplicationJob {\n  perform(id: number) {\n    console.log(id);\n  }\n}\n`,
  'src/callback.ts': `import { ApplicationJob } from './application-job';\nexport class CallbackJob extends ApplicationJob {\n  perform(id: number) {\n    console.log(id);\n  }\n}\n`,
  'src/payload.ts': `import { ApplicationJob } from './application-job';\nexport interface Payload {\n  id: number;\n}\nexport class PayloadJob extends ApplicationJob {\n  perform(payload: Payload) {\n    console.log(payload.id);\n  }\n}\n`,
  'src/plain.js': `import { ApplicationJob } from './application-job';\nexport class PlainJob extends ApplicationJob {\n  perform(id) {\n    console.log(id);\n  }\n}\n`,
  'src/destructured.js': `import { ApplicationJob } from './application-job';\nexport class DestructuredJob extends ApplicationJob {\n  perform({ id }) {\n    console.log(id);\n  }\n}\n`,
  'src/welcome.ts': `import { ApplicationJob } from './application-job';\nexport class WelcomeJob extends ApplicationJob {\n  perform(id: number) {\n    ${BODY}\n  }\n}\n`,
  'src/app.ts': `import { WelcomeJob } from './welcome';\nimport { EndJob } from './end';\nWelcomeJob.performLater(1);\nEndJob.performLater(1);\n`,
};

const next = {
  'src/end.ts': deployed['src/end.ts'].replace('perform(id: number)', 'perform(id: number, date: string)'),
  // Two new parameters: the first one is followed by a required one, so it becomes `T | undefined`.
  'src/middle.ts': deployed['src/middle.ts'].replace('perform(id: number)', 'perform(id: number, date: string, label: string)'),
  'src/callback.ts': deployed['src/callback.ts'].replace('perform(id: number)', 'perform(id: number, done: () => void, label: string)'),
  'src/payload.ts': deployed['src/payload.ts'].replace('  id: number;\n', '  id: number;\n  locale: string;\n'),
  'src/plain.js': deployed['src/plain.js'].replace('perform(id)', 'perform(id, date)'),
  'src/destructured.js': deployed['src/destructured.js'].replace('perform({ id })', 'perform({ id, date })'),
  'src/welcome.ts': null,
  'src/app.ts': `import { EndJob } from './end';\nEndJob.performLater(1);\n`,
  // Renamed, and with a new required parameter: two rules fix one file.
  'src/onboarding.ts': `import { ApplicationJob } from './application-job';\nexport class OnboardingJob extends ApplicationJob {\n  perform(id: number) {\n    ${BODY}\n  }\n}\n`,
};

let repo: TempRepo;

beforeAll(() => {
  repo = new TempRepo();
  repo.commit(deployed);
  repo.write(next);
});
afterAll(() => repo?.remove());

describe('autofix safety', () => {
  it('fixes of different rules in one file never overlap', async () => {
    const results = await createESLint(repo.dir).lintFiles(['src']);
    const fixable = results.flatMap((result) => result.messages.filter((m) => m.fix).map((m) => ({ file: result.filePath, rule: m.ruleId, range: m.fix!.range })));
    expect(new Set(fixable.map((fix) => fix.rule))).toEqual(new Set(['safe-jobs/no-new-required-param', 'safe-jobs/no-rename-without-alias']));
    for (const a of fixable) {
      for (const b of fixable) {
        if (a === b || a.file !== b.file) continue;
        expect(a.range[1] <= b.range[0] || b.range[1] <= a.range[0], `${a.rule} and ${b.rule} overlap in ${a.file}`).toBe(true);
      }
    }
  });

  it('applies every fix: the output type-checks, passes the rules, and a second --fix changes nothing', async () => {
    const fixing = createESLint(repo.dir, { fix: true });
    const first = await fixing.lintFiles(['src']);
    const { ESLint } = await import('eslint');
    await ESLint.outputFixes(first);
    expect(first.filter((result) => result.output !== undefined)).toHaveLength(7);
    const read = (path: string) => readFileSync(repo.path(path), 'utf8');
    expect(read('src/end.ts')).toContain('perform(id: number, date?: string)');
    expect(read('src/middle.ts')).toContain('perform(id: number, date: string | undefined, label?: string)');
    expect(read('src/callback.ts')).toContain('perform(id: number, done: (() => void) | undefined, label?: string)');
    expect(read('src/payload.ts')).toContain('  locale?: string;\n');
    expect(read('src/plain.js')).toContain('perform(id, date = undefined)');
    expect(read('src/destructured.js')).toContain('perform({ id, date = undefined })');
    expect(read('src/onboarding.ts')).toContain('export class WelcomeJob extends OnboardingJob {}');

    expect(typeCheck(repo.path('tsconfig.json'))).toBe('');

    const second = await fixing.lintFiles(['src']);
    expect(second.filter((result) => result.output !== undefined)).toEqual([]);
    // The callback parameter (`done: () => void`, kept for the function-type fix) is reported once more, as it should: no queue carries a function.
    expect(second.flatMap((result) => result.messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`))).toEqual(['safe-jobs/no-unserializable-payload 3:23']);
  });
});

/** The compiler's diagnostics, or '' when the project type-checks. */
function typeCheck(project: string): string {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', project], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout);
  }
}
