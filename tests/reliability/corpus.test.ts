/**
 * Crash safety on real code no one here wrote: JavaScript and TypeScript from packages in
 * node_modules (job frameworks, typescript-eslint, ESLint, zod, ajv...) committed as the
 * baseline, then mutated mechanically (handler parameters dropped, added, reordered and
 * retyped; classes renamed; files deleted) and linted with every rule on.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { TempRepo } from '../helpers/git-repo.js';

const root = new URL('../..', import.meta.url).pathname;
const PACKAGES = [
  'bullmq',
  'node-resque',
  'agenda',
  'faktory-worker',
  'sidequest',
  'ioredis',
  'eslint/lib',
  '@typescript-eslint/eslint-plugin/dist',
  '@typescript-eslint/typescript-estree/dist',
  '@typescript-eslint/utils/dist',
  'eslint-plugin-import-x/lib',
  'zod',
  'ajv/dist',
  'vitest/dist',
  '@eslint',
];
const MAX_BYTES = 150 * 1024;
const HANDLERS = ['perform', 'run', 'process', 'handle', 'execute', 'exec', 'invoke', 'call', 'work', 'handler', 'processJob', 'add', 'create'];
const EXTENSIONS = /\.(?:[cm]?js|ts)$/;

let repo: TempRepo;
let files: string[] = [];
let mutations = 0;
const superClasses = new Set<string>();

function collect(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : collect(path);
    return entry.isFile() && EXTENSIONS.test(entry.name) && statSync(path).size <= MAX_BYTES ? [path] : [];
  });
}

function parseText(path: string, text: string): TSESTree.Program | undefined {
  try {
    return parse(text, { range: true, loc: true, jsx: false, filePath: path });
  } catch {
    return undefined;
  }
}

/** One mechanical change per handler method, chosen by position so the run is repeatable. */
function mutate(path: string, text: string, seed: number): string {
  const program = parseText(path, text);
  if (!program) return text;
  const edits: Array<{ range: [number, number]; text: string }> = [];
  let n = seed;
  simpleTraverse(program, {
    enter(node) {
      if (node.type === 'ClassDeclaration' && node.superClass?.type === 'Identifier') superClasses.add(node.superClass.name);
      if (node.type === 'ClassDeclaration' && node.id && n++ % 10 === 0) {
        edits.push({ range: node.id.range, text: `${node.id.name}Renamed` });
        mutations++;
      }
      if (node.type !== 'MethodDefinition' || node.key.type !== 'Identifier' || !HANDLERS.includes(node.key.name)) return;
      const params = node.value.params;
      const kind = n++ % 4;
      if (kind === 0 && params.length > 0) edits.push({ range: [params[params.length - 1]!.range[0], params[params.length - 1]!.range[1]], text: '' });
      else if (kind === 1) edits.push({ range: [node.value.range[0] + 1, node.value.range[0] + 1], text: params.length > 0 ? 'extra, ' : 'extra' });
      else if (kind === 2 && params.length > 1) {
        const [a, b] = [params[0]!, params[1]!];
        edits.push({ range: [a.range[0], b.range[1]], text: `${text.slice(b.range[0], b.range[1])}, ${text.slice(a.range[0], a.range[1])}` });
      } else if (kind === 3 && params[0]?.type === 'Identifier' && path.endsWith('.ts')) {
        const param = params[0];
        edits.push({ range: [param.range[0], param.range[1]], text: `${param.name}: number` });
      } else return;
      mutations++;
    },
  });
  const sorted = edits.sort((a, b) => b.range[0] - a.range[0]).filter((edit, i, all) => i === 0 || edit.range[1] <= all[i - 1]!.range[0]);
  return sorted.reduce((result, edit) => result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]), text);
}

beforeAll(() => {
  repo = new TempRepo();
  for (const pkg of PACKAGES) {
    for (const source of collect(join(root, 'node_modules', pkg))) {
      const target = join('corpus', relative(join(root, 'node_modules'), source));
      mkdirSync(join(repo.dir, target, '..'), { recursive: true });
      cpSync(source, join(repo.dir, target));
      files.push(target);
    }
  }
  repo.commit({}, 'baseline: real-world code');
  let seed = 0;
  for (const file of files) {
    if (seed++ % 50 === 0) {
      rmSync(join(repo.dir, file));
      mutations++;
      continue;
    }
    const text = readFileSync(join(repo.dir, file), 'utf8');
    const mutated = mutate(file, text, seed);
    if (mutated !== text) writeFileSync(join(repo.dir, file), mutated);
  }
  files = files.filter((_, index) => index % 50 !== 0);
}, 120_000);

afterAll(() => repo?.remove());

function createLinter(fix: boolean): ESLint {
  return new ESLint({
    cwd: repo.dir,
    overrideConfigFile: true,
    fix,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { parser: tsParser, sourceType: 'module' } },
      plugin.configs.strict,
      {
        settings: {
          'safe-jobs': {
            baseline: 'main',
            handlerMethods: HANDLERS,
            baseClasses: [...superClasses].filter((name) => /^[A-Za-z_$][\w$]*$/.test(name)),
            frameworks: ['activejob', 'node-resque', 'sidequest', 'faktory-worker', 'agenda', 'app-task'],
          },
        },
      },
    ] as ESLint.Options['overrideConfig'],
  });
}

describe('crash safety over real code', () => {
  it('lints thousands of mutated real-world files with every rule on: no crash, locations inside files, fixes that parse', async () => {
    expect(files.length).toBeGreaterThanOrEqual(3000);
    expect(mutations).toBeGreaterThan(150);
    const started = Date.now();
    const results = await createLinter(false).lintFiles(['corpus']);
    const seconds = (Date.now() - started) / 1000;
    const ours = results.flatMap((result) => result.messages.filter((m) => m.ruleId?.startsWith('safe-jobs/')).map((m) => ({ result, m })));
    for (const { result, m } of ours) {
      const lines = (result.source ?? readFileSync(result.filePath, 'utf8')).split(/\r?\n/);
      expect(m.line, result.filePath).toBeGreaterThanOrEqual(1);
      expect(m.line, result.filePath).toBeLessThanOrEqual(lines.length);
      expect(m.fatal).toBeFalsy();
    }
    // Parse errors of files the parser cannot read are ESLint's; no message may come from a crashed rule.
    const crashes = results.flatMap((result) => result.messages.filter((m) => m.fatal && m.ruleId !== null));
    expect(crashes).toEqual([]);
    expect(ours.length).toBeGreaterThan(0);

    // Every fix on its own, and all fixes of a file together as `eslint --fix` applies them.
    let fixes = 0;
    for (const { result, m } of ours) {
      if (!m.fix) continue;
      fixes++;
      const source = result.source ?? readFileSync(result.filePath, 'utf8');
      const output = source.slice(0, m.fix.range[0]) + m.fix.text + source.slice(m.fix.range[1]);
      expect(parseText(result.filePath, output), `fix of ${result.filePath}:${m.line} does not parse`).toBeDefined();
    }
    const fixable = results.filter((result) => result.messages.some((m) => m.fix && m.ruleId?.startsWith('safe-jobs/'))).map((result) => result.filePath);
    const fixed = fixable.length > 0 ? await createLinter(true).lintFiles(fixable) : [];
    const fixedFiles = fixed.filter((result) => result.output !== undefined);
    for (const result of fixedFiles) {
      expect(parseText(result.filePath, result.output!), `fix of ${result.filePath} does not parse`).toBeDefined();
    }
    console.log(`corpus: ${files.length} files, ${mutations} mutations, ${ours.length} findings, ${fixes} fixes, ${fixedFiles.length} files fixed, lint ${seconds.toFixed(1)} s`);
  }, 300_000);
});
