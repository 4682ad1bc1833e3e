/**
 * The "What happens at run time" section at the end of each rule's page, rendered from the cases
 * whose outcomes the run-time tests check on real Redis and PostgreSQL servers (tests/runtime/cases.ts).
 */
import type { Framework } from './apps.js';
import { CASES, type CaseRun, type RuntimeCase, type Stage } from './cases.js';
import { DIRECTIONS } from './deploy.js';
import { DRAIN_CASES, type DrainCase } from './drain-case.js';
import { SERIALIZATION_CASES, type SerializationCase } from './serialization-case.js';

export const SECTION_HEADING = '## What happens at run time';

/** Rules about the lint itself, whose section says so. */
export const NO_RUN_TIME_CASE = ['require-baseline'];

/** Whether a rule's page has a run-time section: a case documents the rule, or it has none on purpose. */
export function hasSection(rule: string): boolean {
  return NO_RUN_TIME_CASE.includes(rule) || [...CASES, ...SERIALIZATION_CASES].some((testCase) => testCase.rules.includes(rule));
}

export const UPDATE_COMMAND = 'UPDATE_RUNTIME_DOCS=1 npx vitest run tests/runtime/docs.test.ts';

const SHORT_LABELS: Record<Framework, string> = {
  'node-resque': 'node-resque',
  activejob: 'ActiveJob-style',
  bullmq: 'BullMQ',
  'pg-boss': 'pg-boss',
  'graphile-worker': 'graphile-worker',
};

const frameworkLabel = (run: CaseRun) => (run.variant ? `${SHORT_LABELS[run.framework]} (${run.variant})` : SHORT_LABELS[run.framework]);

function verdictText(verdict: string[]): string {
  if (verdict.length === 0) return 'nothing';
  return verdict.map((finding) => finding.replace(/^([\w-]+)(.*)$/, '`$1`$2')).join(', ');
}

/** A stage's row: the change (or what changed since the row above), the verdict and both outcomes. */
interface Row {
  change: string;
  frameworks: string[];
  verdict: string;
  outcomes: string[];
}

function stageRows(testCase: RuntimeCase): Row[] {
  const rows: Row[] = [];
  const stageCount = Math.max(...testCase.runs.map((run) => run.stages.length));
  for (let index = 0; index < stageCount; index++) {
    const groups: Row[] = [];
    for (const run of testCase.runs) {
      const stage: Stage | undefined = run.stages[index];
      if (!stage) continue;
      const row: Row = {
        change: index === 0 ? testCase.title : `↳ ${stage.label}`,
        frameworks: [frameworkLabel(run)],
        verdict: `${verdictText(stage.verdict)}${stage.note ? ` (${stage.note})` : ''}`,
        outcomes: DIRECTIONS.map((direction) => stage.outcomes[direction]),
      };
      // Frameworks share a row when everything else agrees.
      const same = groups.find((group) => group.change === row.change && group.verdict === row.verdict && group.outcomes.join('\n') === row.outcomes.join('\n'));
      if (same) same.frameworks.push(...row.frameworks);
      else groups.push(row);
    }
    rows.push(...groups);
  }
  return rows;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The section for one rule's page, from its heading to the end of the file. */
export function renderSection(rule: string): string {
  const cases = CASES.filter((testCase) => testCase.rules.includes(rule));
  const lines = [
    SECTION_HEADING,
    '',
    `<!-- Generated from tests/runtime/cases.ts, whose outcomes the run-time tests check on real Redis and PostgreSQL servers. To update: ${UPDATE_COMMAND} -->`,
    '',
  ];
  const encodings = SERIALIZATION_CASES.filter((testCase) => testCase.rules.includes(rule));
  if (cases.length === 0 && encodings.length > 0) return [...lines, ...encodings.flatMap(renderSerializationCase)].join('\n');
  if (cases.length === 0) {
    if (!NO_RUN_TIME_CASE.includes(rule)) throw new Error(`no run-time case for ${rule}`);
    lines.push(
      'No run-time case: this rule reports that the baseline cannot be read. Until it can, the comparison rules report nothing, so a change that breaks the deploy reaches the queue unreported; their pages show what each such change does on a real queue.',
      '',
    );
    return lines.join('\n');
  }
  lines.push(
    'Observed by the rolling-deploy simulator (`tests/runtime/`) on real servers (Redis for node-resque and BullMQ, PostgreSQL for pg-boss and graphile-worker): version N enqueues and the worker of N+1 runs the job (old payload → new worker), then N+1 enqueues and the worker of N runs it (new payload → old worker); *not enqueued* means that version does not send the job; *waiting* means no worker of that version ever fetches it (the PostgreSQL queues keep such a job until a worker that handles its name runs). The apps are small JavaScript modules, and the plugin lints the same files, with N committed and N+1 in the working tree.',
    '',
    '| change | framework | the plugin reports | old payload → new worker | new payload → old worker |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const testCase of cases) {
    for (const row of stageRows(testCase)) lines.push(`| ${[row.change, row.frameworks.join(', '), row.verdict, ...row.outcomes].map(cell).join(' | ')} |`);
  }
  lines.push('');
  for (const drain of DRAIN_CASES.filter((each) => each.rules.includes(rule))) lines.push(...renderDrainCase(drain));
  return lines.join('\n');
}

/** Delayed jobs over three deploys (tests/runtime/drain-case.ts, checked by drain-window.test.ts). */
function renderDrainCase(drain: DrainCase): string[] {
  return [
    '### Delayed jobs: three deploys',
    '',
    `On BullMQ, ${drain.title}: v1 enqueues '${drain.job}' with a delay, and v3 makes a change that v2 alone allows. Compared with v2 alone the change looks safe, but v1's delayed jobs are still waiting when v3's workers start. Listing both as baselines (see the README's "Drain window") reports it.`,
    '',
    '| baselines | the plugin reports |',
    '| --- | --- |',
    ...drain.verdicts.map(({ baselines, verdict }) => `| ${baselines.join(', ')} | ${verdictText(verdict)} |`),
    '',
    `| '${drain.job}' enqueued by | run by the workers of | outcome |`,
    '| --- | --- | --- |',
    ...drain.runs.map(({ enqueuer, worker, outcome }) => `| ${enqueuer} | ${worker} | ${cell(outcome)} |`),
    '',
  ];
}

/** One version enqueueing and running its own job (tests/runtime/serialization-case.ts, checked by serialization.test.ts). */
function renderSerializationCase(testCase: SerializationCase): string[] {
  const rows = testCase.frameworks.flatMap((framework) => testCase.stages(framework).map((stage, index) => ({ framework, stage, index })));
  return [
    `Observed on a real Redis (\`tests/runtime/serialization.test.ts\`): one version of a small JavaScript app enqueues '${testCase.job}' and its own worker runs it, with no deploy in between, since every version breaks alike. The plugin lints the same files; the second row applies the rule's suggestion to the enqueue call, and the hand edit of the handler it asks for.`,
    '',
    '| change | framework | the plugin reports | outcome |',
    '| --- | --- | --- | --- |',
    ...rows.map(({ framework, stage, index }) => `| ${[index === 0 ? testCase.title : `↳ ${stage.label}`, SHORT_LABELS[framework], verdictText(stage.verdict), stage.outcome].map(cell).join(' | ')} |`),
    '',
  ];
}

/** The page with its run-time section replaced (or appended at the end). */
export function withSection(page: string, section: string): string {
  const at = page.indexOf(`\n${SECTION_HEADING}\n`);
  const body = (at === -1 ? page : page.slice(0, at + 1)).replace(/\n*$/, '\n');
  return `${body}\n${section}`;
}

/** The run-time section of a page as it stands, or undefined. */
export function currentSection(page: string): string | undefined {
  const at = page.indexOf(`\n${SECTION_HEADING}\n`);
  return at === -1 ? undefined : page.slice(at + 1);
}
