// The plugin for CommonJS configs (`eslint.config.cjs`): `require('eslint-plugin-safe-jobs')`
// gives the plugin itself, not an ES module namespace (Node 20.19+ requires ES modules).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- `import x = require()` is how TypeScript writes a CommonJS module's import
import plugin = require('./index.js');

export = plugin.default;
