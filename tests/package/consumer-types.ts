/**
 * Type-checked by `tsc --noEmit` in CI (not run): an `eslint.config.ts` as users write it must
 * accept the plugin and its configs with ESLint's own types, `defineConfig` included.
 */
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import safeJobs from '../../src/index.js';

export const plugin: ESLint.Plugin = safeJobs;
export const recommended: Linter.Config = safeJobs.configs.recommended;
export const configs: Linter.Config[] = [safeJobs.configs.recommended, safeJobs.configs.strict];

export default defineConfig([
  safeJobs.configs.recommended,
  { files: ['src/**/*.ts'], extends: [safeJobs.configs.strict] },
  { plugins: { 'safe-jobs': safeJobs }, rules: { 'safe-jobs/no-premature-enqueue': 'off' } },
]);
