// ESLint options for every benchmark run, as an options module: ESLint's worker threads
// (`concurrency`) can only receive configs that hold functions (the parser, the plugins)
// by importing a module. The query string picks the variant:
//   ?cwd=<corpus>&mode=floor|noop|plugin|cycle|user|user-plugin&concurrency=off|auto|<n>
import js from '@eslint/js';
import tsParser from '@typescript-eslint/parser';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import safeJobs from '../dist/index.js';

const params = new URL(import.meta.url).searchParams;
const mode = params.get('mode') ?? 'floor';
const concurrency = params.get('concurrency') ?? 'off';

// The floor: parsing every file with the TypeScript parser and running no rule at all.
const config = [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }];

if (mode === 'noop') {
  // ESLint's own cost of running any rule at all: one rule that does nothing on Program. With a
  // rule configured, ESLint promotes 1.5 to 2 times the bytes to the old generation (see
  // eslint-context-fix.mjs for why), so every plugin pays this before its own work.
  const noop = { meta: { type: 'problem', schema: [] }, create: () => ({ Program() {} }) };
  config.push({ plugins: { bench: { rules: { noop } } }, rules: { 'bench/noop': 'error' } });
} else if (mode === 'plugin') {
  // configs.recommended, so that rules added to the plugin later are measured without edits here.
  config.push(safeJobs.configs.recommended, { settings: { 'safe-jobs': { baseline: 'main' } } });
} else if (mode === 'cycle') {
  config.push({
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    rules: { 'import-x/no-cycle': 'error' },
    settings: {
      // Without these, import-x treats .ts files as unparsable and no-cycle follows no import at all.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // The corpus imports `./x.js` for `./x.ts`, as ESM TypeScript does.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
  });
} else if (mode === 'user' || mode === 'user-plugin') {
  // What a real user lints with (issue 24): @eslint/js and typescript-eslint recommended, without
  // type information; the plugin's cost is measured as the difference from it.
  config.push(js.configs.recommended, ...tseslint.configs.recommended);
  if (mode === 'user-plugin') config.push(safeJobs.configs.recommended, { settings: { 'safe-jobs': { baseline: 'main' } } });
} else if (mode !== 'floor') {
  throw new Error(`unknown mode ${mode}`);
}

export default {
  cwd: params.get('cwd') ?? process.cwd(),
  overrideConfigFile: true,
  overrideConfig: config,
  concurrency: /^\d+$/.test(concurrency) ? Number(concurrency) : concurrency,
};

/** The URL of this module for one variant. */
export function optionsURL(cwd, mode, concurrency = 'off') {
  const url = new URL(import.meta.url);
  url.search = new URLSearchParams({ cwd, mode, concurrency }).toString();
  return url;
}
