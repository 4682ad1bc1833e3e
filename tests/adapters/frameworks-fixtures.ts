import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterSetting } from '../../src/adapters/kind.js';
import type { Sources } from '../helpers/fixture-project.js';

export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'frameworks');

/**
 * The fixture files of one preset (they type-check against the real library), as project sources
 * under `src/`; without the repository's own lint directives, which name rules that a user's
 * ESLint in the end-to-end tests does not load.
 */
export function readFixture(preset: string, prefix = 'src'): Sources {
  const dir = join(FIXTURES_DIR, preset);
  const sources: Sources = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) Object.assign(sources, readFixture(`${preset}/${entry.name}`, `${prefix}/${entry.name}`));
    else sources[`${prefix}/${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8').replace(/^[ \t]*\/\/ eslint-disable-next-line .*\n/gm, '');
  }
  return sources;
}

export function packageJson(dependencies: Record<string, string>): string {
  return `${JSON.stringify({ name: 'app', private: true, type: 'module', dependencies }, null, 2)}\n`;
}

/** The adapters the custom fixtures use: the two worked examples of docs/frameworks.md. */
export const CUSTOM_ADAPTERS: AdapterSetting[] = [
  {
    type: 'class-job',
    name: 'queue-job',
    baseClasses: ['QueueJob'],
    handlerMethods: ['handle'],
    payloadTypeArgument: true,
    wireName: { staticOptions: { property: 'options', key: 'name' } },
    queue: { staticOptions: { property: 'options', key: 'queue' } },
    enqueue: {
      static: { methods: ['dispatch'], queueMethods: ['toQueue'] },
      service: { methods: ['add'], nameArg: 0, payloadArg: 1 },
    },
  },
  {
    type: 'string-registry',
    name: 'job-registry',
    register: [{ methods: ['register'], nameArg: 0, handlerArg: 1 }],
    handler: 'arguments',
    enqueue: [{ methods: ['push'], nameArg: 0, payloadArg: 1, payload: 'single' }],
  },
];
