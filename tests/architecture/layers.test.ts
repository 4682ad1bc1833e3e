/**
 * The layout docs/architecture.md describes, held by tests where the own lint cannot: the
 * framework-neutral layers name no framework, and every adapter kind is one folder of the
 * same anatomy, listed once in kinds.ts, and no cycle of imports, type-only ones included
 * (import-x/no-cycle in the own lint skips those). The direction of imports and file lengths are
 * checked by the own lint: import-x/no-restricted-paths, max-lines.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../src/adapters/adapter-set.js';
import { KINDS } from '../../src/adapters/kinds.js';

const SRC = join(import.meta.dirname, '../../src');
const NEUTRAL_LAYERS = ['model', 'util', 'fix', 'resolve', 'git', 'settings.ts', 'project', 'baseline', 'compare', 'engine', 'rules'];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Preset names, unscoped package names and the scopes of scoped ones (`@nestjs/bull`: `nestjs`). */
function getFrameworkNames(): string[] {
  const packages = KINDS.flatMap((kind) => kind.presets.flatMap((preset) => preset.packages));
  const fromPackages = packages.map((pkg) => (pkg.startsWith('@') ? pkg.slice(1, pkg.indexOf('/')) : pkg));
  return [...new Set([...PRESET_NAMES, ...fromPackages])];
}

/** Each module of src/ to the modules of src/ it imports or re-exports from, type-only imports included. */
function getImportGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of listFiles(SRC).filter((path) => path.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']+)'/gm)].map((match) => resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
    graph.set(file, targets.filter((target) => existsSync(target)));
  }
  return graph;
}

/** The strongly connected components of more than one module (Tarjan). */
function getCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (stack.includes(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      component.push(relative(SRC, member));
    } while (member !== node);
    if (component.length > 1) cycles.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('the layout of src/', () => {
  it('has no import cycle, type-only imports included', () => {
    const graph = getImportGraph();
    expect(graph.get(join(SRC, 'adapters/traverse.ts'))).toContain(join(SRC, 'adapters/adapter-set.ts'));
    expect(getCycles(graph)).toEqual([]);
    expect(getCycles(new Map([['a', ['b']], ['b', ['a']]]))).toHaveLength(1);
  });

  it('names no framework outside src/adapters, src/cli and the plugin object', () => {
    const names = getFrameworkNames();
    expect(names).toContain('bullmq');
    const found: string[] = [];
    for (const layer of NEUTRAL_LAYERS) {
      for (const file of listFiles(join(SRC, layer))) {
        const text = readFileSync(file, 'utf8');
        for (const name of names) {
          const pattern = new RegExp(`(?<![\\w@/.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i');
          if (pattern.test(text)) found.push(`${file.slice(SRC.length + 1)}: ${name}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('gives every kind its own folder with the same anatomy, each listed once in kinds.ts', () => {
    const folders = readdirSync(join(SRC, 'adapters')).filter((name) => statSync(join(SRC, 'adapters', name)).isDirectory() && name !== 'shared');
    expect(folders.sort()).toEqual(KINDS.map((kind) => kind.type).sort());
    for (const folder of folders) {
      const files = readdirSync(join(SRC, 'adapters', folder));
      expect(files, folder).toEqual(expect.arrayContaining(['index.ts', 'config.ts', 'presets.ts', 'extract.ts', 'resolve.ts']));
    }
  });
});
