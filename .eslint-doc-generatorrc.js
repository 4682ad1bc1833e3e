/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  // The same configs under other names (flat/…) and for .eslintrc (legacy-…): listed once, as recommended and strict.
  ignoreConfig: ['flat/recommended', 'flat/strict', 'legacy-recommended', 'legacy-strict'],
  ruleDocTitleFormat: 'prefix-name',
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'fixable', 'hasSuggestions', 'options'],
  urlConfigs: 'https://github.com/safe-jobs/eslint-plugin-safe-jobs#configs',
};
