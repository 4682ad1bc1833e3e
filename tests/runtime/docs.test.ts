/**
 * Each rule's page ends with "What happens at run time", rendered from the cases the run-time
 * tests check on a real queue. This test needs no Redis: it keeps the pages equal to the cases,
 * and the cases consistent with themselves. UPDATE_RUNTIME_DOCS=1 rewrites the sections instead.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASES, COMPLETED, NOT_ENQUEUED } from './cases.js';
import { currentSection, hasSection, renderSection, SECTION_HEADING, UPDATE_COMMAND, withSection } from './docs-section.js';

const RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules');
const rules = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.md'))
  .map((name) => name.slice(0, -'.md'.length))
  .sort();

const isFine = (outcome: string) => outcome === COMPLETED || outcome === NOT_ENQUEUED;

describe('the run-time cases', () => {
  it.each(CASES)('$id: a stage is reported exactly when it breaks at run time, or says why not', (testCase) => {
    for (const run of testCase.runs) {
      expect(Object.values(run.stages[0]!.outcomes).every(isFine), `${testCase.id} on ${run.framework}: breaking`).toBe(!testCase.breaking);
      for (const stage of run.stages) {
        const breaks = !Object.values(stage.outcomes).every(isFine);
        if (!stage.note) expect(stage.verdict.length > 0, `${testCase.id} on ${run.framework}, ${stage.label}: reported`).toBe(breaks);
      }
    }
  });
});

describe('the "What happens at run time" section of each rule page', () => {
  // A new rule's page gets its section with its first run-time case; until then it is listed as a todo.
  for (const rule of rules.filter((each) => !hasSection(each))) {
    it.todo(`${rule}: no run-time case yet (add one to tests/runtime/cases.ts)`);
    it(`${rule}: has no run-time section without a case`, () => {
      expect(currentSection(readFileSync(join(RULES_DIR, `${rule}.md`), 'utf8'))).toBeUndefined();
    });
  }

  it.each(rules.filter(hasSection))('%s', (rule) => {
    const path = join(RULES_DIR, `${rule}.md`);
    const page = readFileSync(path, 'utf8');
    const section = renderSection(rule);
    if (process.env.UPDATE_RUNTIME_DOCS) {
      writeFileSync(path, withSection(page, section));
      return;
    }
    expect(currentSection(page), `docs/rules/${rule}.md: its "${SECTION_HEADING}" section (the last of the page) differs from tests/runtime/cases.ts; run ${UPDATE_COMMAND}`).toBe(section);
  });

  it('documents only rules that have a page', () => {
    expect(CASES.flatMap((testCase) => testCase.rules).filter((rule) => !rules.includes(rule))).toEqual([]);
  });
});
