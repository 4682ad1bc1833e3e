import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { rules } from '../src/rules/index.js';

describe('the plugin object', () => {
  it('names itself', () => {
    expect(plugin.meta).toEqual({ name: 'eslint-plugin-safe-jobs', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it.each(['recommended', 'strict'] as const)('has a single flat config object %s that registers the plugin and turns on every rule', (name) => {
    const config = plugin.configs[name];
    expect(Array.isArray(config)).toBe(false);
    expect(config.plugins).toEqual({ 'safe-jobs': plugin });
    expect(config.languageOptions).toBeUndefined();
    expect(Object.keys(config.rules ?? {}).sort()).toEqual(Object.keys(plugin.rules).map((rule) => `safe-jobs/${rule}`).sort());
    expect(config.files).toEqual(['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs']);
  });

  it('gives the flat configs under their flat/ names too, and legacy .eslintrc configs with the same rule levels', () => {
    expect(plugin.configs['flat/recommended']).toBe(plugin.configs.recommended);
    expect(plugin.configs['flat/strict']).toBe(plugin.configs.strict);
    expect(plugin.configs['legacy-recommended']).toEqual({ plugins: ['safe-jobs'], rules: plugin.configs.recommended.rules });
    expect(plugin.configs['legacy-strict']).toEqual({ plugins: ['safe-jobs'], rules: plugin.configs.strict.rules });
  });

  it.each(Object.entries(rules))('documents %s', (name, rule) => {
    expect(plugin.rules[name as keyof typeof rules]).toBe(rule);
    expect(rule.meta.docs?.url).toBe(`https://github.com/safe-jobs/eslint-plugin-safe-jobs/blob/main/docs/rules/${name}.md`);
    expect(rule.meta.docs?.description).toMatch(/^(Require|Disallow)/);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    expect(rule.meta.schema).toBeDefined();
    expect(rule.defaultOptions).toBeDefined();
    expect(existsSync(new URL(`../docs/rules/${name}.md`, import.meta.url))).toBe(true);
  });
});
