/**
 * What one version's imports reach, from its file list alone: TypeScript's resolution with the
 * project's tsconfig, workspace packages by name, and what is unknown rather than missing.
 */
import { describe, expect, it } from 'vitest';
import { ModuleResolver } from '../../src/resolve/module-resolver.js';

function resolverOf(files: Record<string, string>): ModuleResolver {
  return new ModuleResolver(Object.keys(files), (paths) => new Map(paths.filter((path) => path in files).map((path) => [path, files[path]!])));
}

describe('module resolution over one version\'s files', () => {
  const project = resolverOf({
    'package.json': JSON.stringify({ name: 'acme', private: true, type: 'module', workspaces: ['packages/*'] }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', paths: { '@app/*': ['./src/*'] } } }),
    'src/a.ts': '',
    'src/job.ts': '',
    'src/legacy.js': '',
    'src/legacy.d.ts': '',
    'src/types-only.d.ts': '',
    'packages/shared/package.json': JSON.stringify({ name: '@acme/shared', main: './dist/src/index.js', exports: { '.': './dist/src/index.js', './server': './dist/src/server/index.js' } }),
    'packages/shared/src/index.ts': '',
    'packages/shared/src/server/index.ts': '',
  });

  it.each([
    ['./job.js', { file: 'src/job.ts' }],
    ['./job', { file: 'src/job.ts' }],
    ['@app/job', { file: 'src/job.ts' }],
    ['./legacy.js', { file: 'src/legacy.js' }],
    ['@acme/shared', { file: 'packages/shared/src/index.ts' }],
    ['@acme/shared/server', { file: 'packages/shared/src/server/index.ts' }],
    ['./types-only.js', { unknown: true }],
    ['./gone.js', { missing: true }],
    ['@app/gone', { missing: true }],
    ['./logo.svg', { external: true }],
    ['bullmq', { external: true }],
    ['node:fs', { external: true }],
  ])('%s from src/a.ts: %j', (specifier, expected) => {
    expect(project.resolve('src/a.ts', specifier)).toEqual(expected);
  });

  it('sees a file added after its listing (an editor\'s new file)', () => {
    const resolver = resolverOf({ 'src/a.ts': '' });
    expect(resolver.resolve('src/a.ts', './b')).toEqual({ missing: true });
    resolver.addPath('src/b.ts');
    expect(resolver.resolve('src/a.ts', './b')).toEqual({ file: 'src/b.ts' });
  });
});
