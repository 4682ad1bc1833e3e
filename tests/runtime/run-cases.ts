/**
 * Runs the cases on each framework: per case, a git repository with N committed and N+1 in the
 * working tree; per stage, the plugin's verdict through ESLint and both directions of the rolling
 * deploy on a real queue, each compared with the case's expectation.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type Framework, FRAMEWORK_LABELS, POSTGRES_FRAMEWORKS } from './apps.js';
import { CASES, type CaseRun, NOT_ENQUEUED, type Outcomes } from './cases.js';
import { Deploy, DIRECTIONS, type Simulation } from './deploy.js';
import { redisForTests } from './redis-server.js';
import { postgresForTests } from './postgres-server.js';
import type { RunJob } from './simulator.js';

/** The outcome of the case's job in one direction: the one job that is not a bystander, if sent. */
export function subjectOutcome(jobs: RunJob[], bystanders: string[] = []): string {
  const subjects = jobs.filter((job) => !bystanders.includes(job.name));
  if (subjects.length > 1) throw new Error(`more than one job under test: ${subjects.map((job) => job.name).join(', ')}`);
  return subjects[0]?.outcome ?? NOT_ENQUEUED;
}

export function outcomesOf(simulation: Simulation, run: CaseRun): Outcomes {
  return Object.fromEntries(DIRECTIONS.map((direction) => [direction, subjectOutcome(simulation[direction], run.bystanders)])) as Outcomes;
}

/** Bystanders in each direction, which must all complete. */
function bystanderOutcomes(simulation: Simulation, run: CaseRun): string[] {
  return DIRECTIONS.flatMap((direction) => simulation[direction].filter((job) => run.bystanders?.includes(job.name)).map((job) => `${direction}: ${job.name} ${job.outcome}`));
}

const title = (run: CaseRun) => (run.variant ? `${FRAMEWORK_LABELS[run.framework]}, ${run.variant}` : FRAMEWORK_LABELS[run.framework]);

/**
 * One Redis server for the Redis frameworks' cases, one PostgreSQL server for the others'; each
 * skipped with one line when it cannot start (an error in CI).
 */
export async function defineRollingDeployTests(frameworks: readonly Framework[]): Promise<void> {
  const redis = frameworks.some((framework) => !POSTGRES_FRAMEWORKS.includes(framework)) ? await redisForTests('tests/runtime (rolling deploys on Redis)') : undefined;
  const postgres = frameworks.some((framework) => POSTGRES_FRAMEWORKS.includes(framework)) ? await postgresForTests('tests/runtime (rolling deploys on PostgreSQL)') : undefined;
  afterAll(async () => {
    await redis?.stop();
    await postgres?.stop();
  });

  for (const framework of frameworks) {
    const runs: Array<{ name: string; run: CaseRun }> = CASES.flatMap((testCase) =>
      testCase.runs.filter((run) => run.framework === framework).map((run) => ({ name: `${testCase.id}${run.variant ? ` (${run.variant})` : ''}: ${testCase.title}`, run })),
    );

    const servers = POSTGRES_FRAMEWORKS.includes(framework) ? { postgres } : { redis };
    describe.skipIf(!servers.redis && !servers.postgres)(`a rolling deploy on ${FRAMEWORK_LABELS[framework]}`, () => {
      it.each(runs)('$name', async ({ run }) => {
        const deploy = new Deploy(run.framework, run.previous, run.next);
        try {
          for (const stage of run.stages) {
            const where = `${title(run)}, ${stage.label}`;
            if (stage.apply && 'fix' in stage.apply) {
              await deploy.lint({ fix: true });
              const [path, text] = stage.apply.writes;
              expect(deploy.read(path), `${where}: what the autofix writes`).toContain(text);
            }
            if (stage.apply && 'edits' in stage.apply) for (const [path, from, to] of stage.apply.edits) deploy.edit(path, from, to);
            const { verdict, messages } = await deploy.lint();
            expect(verdict, `${where}: the plugin's verdict\n${messages.map((m) => `${m.file}:${m.line} ${m.message}`).join('\n')}`).toEqual(stage.verdict);
            const simulation = await deploy.simulate(servers);
            expect(outcomesOf(simulation, run), `${where}: the run-time outcome`).toEqual(stage.outcomes);
            expect(bystanderOutcomes(simulation, run).filter((line) => !line.endsWith(' completed')), `${where}: the other jobs`).toEqual([]);
          }
        } finally {
          deploy.remove();
        }
      });
    });
  }
}
