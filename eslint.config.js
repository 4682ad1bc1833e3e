// The plugin's own lint: ESLint's and typescript-eslint's recommended rules over the repository,
// eslint-plugin-eslint-plugin over src/rules, and the layering of src/ (docs/architecture.md).
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What each part of src/ may import, besides itself: imports only point down the layers
 * model, util, git, resolve, fix < adapters < settings < project < baseline, compare < engine < rules, cli.
 */
const LAYERS = {
  model: [],
  util: [],
  git: ['model'],
  resolve: ['model'],
  fix: ['model'],
  adapters: ['model', 'resolve', 'util'],
  'settings.ts': ['adapters', 'model'],
  project: ['model', 'util', 'git', 'resolve', 'adapters', 'settings.ts'],
  baseline: ['model', 'util', 'git', 'resolve', 'adapters', 'settings.ts', 'project'],
  compare: ['model', 'fix', 'util'],
  engine: ['model', 'util', 'git', 'resolve', 'fix', 'adapters', 'settings.ts', 'project', 'baseline', 'compare'],
};
// Every folder of src/adapters but shared/ is a kind.
const KINDS = readdirSync(new URL('./src/adapters/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);
const zones = [
  ...Object.entries(LAYERS).map(([layer, allowed]) => ({
    target: `./src/${layer}`,
    from: './src',
    except: [`./${layer}`, ...allowed.map((name) => `./${name}`)],
    message: `src/${layer} may import only from ${allowed.length > 0 ? allowed.join(', ') : 'itself'} (see docs/architecture.md).`,
  })),
  // Shared readers never know a kind; a kind never knows another.
  { target: './src/adapters/shared', from: './src/adapters', except: ['./shared', './kind.ts'], message: 'adapters/shared never imports a kind.' },
  ...KINDS.map((kind) => ({
    target: `./src/adapters/${kind}`,
    from: './src/adapters',
    except: [`./${kind}`, './shared', './kind.ts'],
    message: 'A kind imports only its own folder, adapters/shared and adapters/kind.ts.',
  })),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/.corpus/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      'max-lines': ['error', { max: 400 }],
    },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
  },
  {
    // The plugin's own rules, held to the standards of eslint-plugin-eslint-plugin.
    files: ['src/rules/**/*.ts'],
    ...eslintPlugin.configs.recommended,
    rules: {
      ...eslintPlugin.configs.recommended.rules,
      // RuleCreator (src/util/create-rule.ts) writes meta.docs.url and applies the top-level defaultOptions.
      'eslint-plugin/require-meta-docs-url': 'off',
      'eslint-plugin/require-meta-default-options': 'off',
      'eslint-plugin/require-meta-docs-description': ['error', { pattern: '^(Enforce|Require|Disallow)' }],
      'eslint-plugin/require-meta-schema': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
