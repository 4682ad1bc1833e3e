import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_JOB_PATTERN, type JobPattern } from '../../src/adapters/job-pattern.js';
import type { ContractSet } from '../../src/model/contract.js';
import { serializeSnapshot } from '../../src/model/snapshot.js';
import { buildContractSet } from '../../src/project/build-contracts.js';
import { FactsCache } from '../../src/project/facts-cache.js';
import { type FileSource, loadProject } from '../../src/project/load-project.js';

export type Sources = Record<string, string>;

/** Files held in memory, for building a version of a project without a disk or git. */
export class MemorySource implements FileSource {
  constructor(private readonly files: Sources) {}

  readCandidates(): Map<string, string> {
    return new Map(Object.entries(this.files));
  }

  readFiles(paths: string[]): Map<string, string> {
    return new Map(paths.filter((path) => path in this.files).map((path) => [path, this.files[path]!]));
  }

  getOversized(): ReadonlySet<string> {
    return new Set();
  }

  listPaths(): ReadonlySet<string> {
    return new Set(Object.keys(this.files));
  }
}

export function buildContracts(files: Sources, pattern: JobPattern = DEFAULT_JOB_PATTERN): ContractSet {
  const cache = new FactsCache(pattern, JSON.stringify(pattern));
  const project = loadProject(new MemorySource(files), cache);
  return buildContractSet(project.files, pattern, project.modules);
}

const created: string[] = [];

/**
 * A project folder (no git) for RuleTester: `current` files on disk, the baseline as a
 * snapshot built from `baseline` sources. Returns what a test case needs.
 */
export function fixtureProject(options: { baseline: Sources; current?: Sources; pattern?: Partial<JobPattern> }): {
  dir: string;
  file: (path: string) => string;
  settings: { 'safe-jobs': Record<string, unknown> };
  /** How messages name this baseline. */
  baselineLabel: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'safe-jobs-fixture-'));
  created.push(dir);
  const pattern = { ...DEFAULT_JOB_PATTERN, ...options.pattern };
  const files: Sources = { 'package.json': '{ "name": "fixture", "private": true }\n', ...options.current };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'baseline.json'), serializeSnapshot(buildContracts(options.baseline, pattern), { revision: 'v1' }));
  return {
    dir,
    file: (path) => join(dir, path),
    settings: { 'safe-jobs': { baseline: join(dir, 'baseline.json'), ...options.pattern } },
    baselineLabel: `snapshot ${join(dir, 'baseline.json')} (v1)`,
  };
}

export function removeFixtureProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
