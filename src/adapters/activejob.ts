/**
 * The ActiveJob-style pattern is now the `activejob` preset of the class-job adapter
 * (see presets.ts); extraction for every adapter lives in extract.ts. This module keeps the
 * entry point that ESLint's rules and the benchmarks import.
 */
export { extractFacts } from './extract.js';
export { getSpan, normalizeTypeText } from './syntax.js';
