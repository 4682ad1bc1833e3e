// A diagnostic for the benchmark, never loaded by the plugin: `node --import ./bench/eslint-context-fix.mjs`.
//
// ESLint (checked on 10.15) gives each rule a context made by `FileContext#extend`, which is
// `Object.freeze(Object.assign(Object.create(fileContext), extension))`: the file's context
// becomes a prototype, one per linted file. V8 allocates the maps of such objects in the old
// generation, and an old object that points to a young one keeps it alive through every
// scavenge. So once any rule is configured, each file's SourceCode (AST, tokens, scopes,
// the parser's TypeScript nodes) survives until the next full mark-compact: ESLint promotes
// 1.5 to 2 times the bytes to the old generation and lints 10-40 % slower, before a
// rule does any work. This module makes every rule context inherit from
// FileContext.prototype instead, with the same own properties, to measure what a plugin costs
// without that effect.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// ESLint is CommonJS: this require() reaches the same module instance that `import 'eslint'` loads.
const require = createRequire(import.meta.url);
const eslintDir = dirname(require.resolve('eslint/package.json'));
const { FileContext } = require(join(eslintDir, 'lib/linter/file-context.js'));

FileContext.prototype.extend = function extend(extension) {
  const { cwd, filename, physicalFilename, sourceCode, languageOptions, settings } = this;
  const context = Object.create(FileContext.prototype);
  return Object.freeze(Object.assign(context, { cwd, filename, physicalFilename, sourceCode, languageOptions, settings }, extension));
};
