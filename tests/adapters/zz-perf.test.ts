import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { it } from 'vitest';
import { extractFacts } from '../../src/adapters/extract.js';
import { DEFAULT_JOB_PATTERN } from '../../src/adapters/job-pattern.js';
it('perf', () => {
  const dirs = ['node_modules/bullmq/dist/esm/classes', 'node_modules/typescript/lib', 'src/adapters', 'src/project'];
  const files: Array<[string, string]> = [];
  for (const dir of dirs) for (const name of readdirSync(dir)) if (/\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')) { const text = readFileSync(join(dir, name), 'utf8'); if (text.length < 1_000_000) files.push([join(dir, name), text]); }
  const programs = files.map(([path, text]) => [parse(text, { range: true, loc: true, jsx: false, filePath: path }), text] as const);
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (const [program, text] of programs) extractFacts(program, text, DEFAULT_JOB_PATTERN, false);
    console.log('extract only', (performance.now() - t).toFixed(0), 'ms');
  }
});
