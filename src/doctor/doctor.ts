/**
 * `safe-jobs doctor`: what each adapter found in the project, the job-like code none of them
 * claims, and the settings block that would claim it, with the file and line each part of it was
 * learned from. Zero configuration either works or says exactly what to paste.
 */
import { join } from 'node:path';
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { Engine } from '../engine/engine.js';
import type { ContractSet } from '../model/contract.js';
import { locateProject } from '../project/locate.js';
import { WorkingTreeSource } from '../project/working-tree-source.js';
import type { SafeJobsSettings } from '../settings.js';
import { type BindingCall, type ClassOutline, findJobLike, JOB_LIKE_TOKENS, type JobLike } from './job-like.js';
import { type SuggestedAdapter, suggestAdapters } from './suggest.js';

export interface DoctorReport {
  adapters: Array<{ name: string; jobs: number; sites: number }>;
  unclaimed: JobLike[];
  suggestion?: { adapters: SuggestedAdapter[] };
}

/** Files parsed for job-like code at most: beyond that, the scan stops and says so. */
const MAX_SCANNED_FILES = 20_000;

export function runDoctor(cwd: string, settings: SafeJobsSettings): DoctorReport {
  const location = locateProject(join(cwd, 'package.json'), cwd);
  const { current } = new Engine(location, settings).analyzeProject();
  const { found, classes, calls } = scanJobLike(new WorkingTreeSource(location.root, JOB_LIKE_TOKENS.source, location.isGit));
  const unclaimed = found.filter((item) => !isClaimed(item, current, settings));
  const report: DoctorReport = { adapters: countByAdapter(current, settings), unclaimed };
  const adapters = suggestAdapters(unclaimed, classes, calls);
  if (adapters.length > 0) report.suggestion = { adapters };
  return report;
}

function scanJobLike(source: WorkingTreeSource): { found: JobLike[]; classes: ClassOutline[]; calls: BindingCall[] } {
  const found: JobLike[] = [];
  const classes: ClassOutline[] = [];
  const calls: BindingCall[] = [];
  let scanned = 0;
  for (const [path, text] of source.readCandidates()) {
    if (path.endsWith('.d.ts') || ++scanned > MAX_SCANNED_FILES) continue;
    let program: TSESTree.Program;
    try {
      program = parse(text, { loc: true, range: true, comment: false, jsx: /\.(?:tsx|jsx|js|mjs|cjs)$/.test(path), filePath: path });
    } catch {
      // A file that does not parse holds nothing this scan can read; the lint reports it.
      continue;
    }
    const result = findJobLike(path, program);
    found.push(...result.found);
    classes.push(...result.classes);
    calls.push(...result.calls);
  }
  return { found, classes, calls };
}

/** Whether an adapter already reads the code: a job or a site inside its lines, or a declared shape naming its base. */
function isClaimed(item: JobLike, current: ContractSet, settings: SafeJobsSettings): boolean {
  const inside = (location: { file: string; span: { start: { line: number } } }) => location.file === item.file && location.span.start.line >= item.line && location.span.start.line <= item.endLine;
  switch (item.kind) {
    case 'definition':
      return [...current.jobs.values()].some((job) => inside(job.location));
    case 'request':
      return current.sites.some((site) => inside(site.location));
    case 'topic-class':
      return (settings.pattern.adapters ?? []).some((adapter) => {
        if (adapter.type !== 'class-job') return false;
        if (item.role === 'worker') return Array.isArray(adapter.baseClasses) && adapter.baseClasses.includes(item.base);
        const producers = (adapter.enqueue as { producers?: Array<{ baseClasses: string[] }> } | undefined)?.producers ?? [];
        return producers.some((shape) => shape.baseClasses.includes(item.base));
      });
  }
}

function countByAdapter(current: ContractSet, settings: SafeJobsSettings): DoctorReport['adapters'] {
  const counts = new Map<string, { jobs: number; sites: number }>();
  for (const adapter of settings.pattern.adapters ?? []) counts.set(adapter.name, { jobs: 0, sites: 0 });
  const count = (name: string | undefined) => {
    const key = name ?? '(unknown)';
    const entry = counts.get(key) ?? { jobs: 0, sites: 0 };
    counts.set(key, entry);
    return entry;
  };
  for (const job of current.jobs.values()) count(job.adapter).jobs++;
  for (const site of current.sites) count(site.adapter).sites++;
  return [...counts].map(([name, entry]) => ({ name, ...entry }));
}
