import type { ESLint, Linter } from 'eslint';
import { createRequire } from 'node:module';
import { rules } from './rules/index.js';

const { name, version } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

type RuleLevels = Record<`safe-jobs/${keyof typeof rules}`, Linter.RuleEntry>;

const recommendedRules: RuleLevels = {
  'safe-jobs/enqueue-args-match': 'error',
  'safe-jobs/no-deleted-enqueued-job': 'error',
  'safe-jobs/no-incompatible-param-change': 'error',
  'safe-jobs/no-new-required-param': 'error',
  'safe-jobs/no-premature-enqueue': 'warn',
  'safe-jobs/no-queue-change': 'error',
  'safe-jobs/no-rename-without-alias': 'error',
  'safe-jobs/no-silent-unknown-job': 'warn',
  'safe-jobs/no-unknown-job': 'error',
  'safe-jobs/no-unserializable-payload': 'error',
  'safe-jobs/require-baseline': 'warn',
};

const strictRules: RuleLevels = {
  ...recommendedRules,
  'safe-jobs/no-premature-enqueue': 'error',
  'safe-jobs/no-silent-unknown-job': 'error',
  'safe-jobs/require-baseline': 'error',
  // Every Date in a payload type, also one the handler never calls a Date method on.
  'safe-jobs/no-unserializable-payload': ['error', { dates: 'all' }],
};

/** Every file kind the rules understand; configs stay parser-neutral and leave parsing to the user. */
const FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

/**
 * Typed with ESLint's own types (not typescript-eslint's `FlatConfig`), so that the plugin is an
 * `ESLint.Plugin` and its configs go into `defineConfig([...])` and `Linter.Config[]` as they are.
 */
export interface SafeJobsPlugin extends ESLint.Plugin {
  meta: { name: string; version: string };
  rules: Record<keyof typeof rules, RuleDefinition>;
  /**
   * `recommended` and `strict` are flat config objects (`flat/…` names the same objects, as other
   * plugins do); `legacy-recommended` and `legacy-strict` are for `.eslintrc` files (ESLint 9).
   */
  configs: Record<'recommended' | 'strict' | 'flat/recommended' | 'flat/strict', Linter.Config> &
    Record<'legacy-recommended' | 'legacy-strict', Linter.LegacyConfig>;
}

type RuleDefinition = NonNullable<ESLint.Plugin['rules']>[string];

const plugin: SafeJobsPlugin = {
  meta: { name, version },
  // typescript-eslint's RuleModule and ESLint's RuleDefinition describe the same objects with
  // types that do not unify (its RuleContext has more members); consumers get ESLint's.
  rules: rules as unknown as SafeJobsPlugin['rules'],
  configs: {} as SafeJobsPlugin['configs'],
};

plugin.configs.recommended = { name: 'safe-jobs/recommended', files: FILES, plugins: { 'safe-jobs': plugin }, rules: recommendedRules };
plugin.configs.strict = { name: 'safe-jobs/strict', files: FILES, plugins: { 'safe-jobs': plugin }, rules: strictRules };
plugin.configs['flat/recommended'] = plugin.configs.recommended;
plugin.configs['flat/strict'] = plugin.configs.strict;
plugin.configs['legacy-recommended'] = { plugins: ['safe-jobs'], rules: recommendedRules };
plugin.configs['legacy-strict'] = { plugins: ['safe-jobs'], rules: strictRules };

export default plugin;
