/**
 * The layout docs/architecture.md describes, held by tests where the own lint cannot: the
 * framework-neutral layers name no framework, and every adapter kind is one folder of the
 * same anatomy, listed once in kinds.ts. (Import cycles, the direction of imports and file
 * lengths are checked by the own lint: import-x/no-cycle, import-x/no-restricted-paths, max-lines.)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../src/adapters/adapter-set.js';
import { KINDS } from '../../src/adapters/kinds.js';

const SRC = join(import.meta.dirname, '../../src');
const NEUTRAL_LAYERS = ['model', 'resolve', 'git', 'project', 'baseline', 'compare', 'engine', 'rules'];

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
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

describe('the layout of src/', () => {
  it('names no framework outside src/adapters and src/cli', () => {
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
