import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileFacts } from '../model/facts.js';
import { extractFacts } from './traverse.js';
import type { JobPattern } from './job-pattern.js';
import { isJavaScriptPath } from '../model/paths.js';

export type ParseOutcome = { facts: FileFacts } | { error: string };

/** Parses a file that ESLint is not linting right now (other project files, baseline blobs). */
export function parseFileFacts(path: string, text: string, pattern: JobPattern): ParseOutcome {
  let program: TSESTree.Program;
  try {
    program = parse(stripBom(text), {
      range: true,
      loc: true,
      comment: false,
      // `<T>x` casts and JSX cannot share a grammar, so only files that can hold JSX get it.
      jsx: /\.(?:tsx|jsx|js|mjs|cjs)$/.test(path),
      filePath: path,
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  return { facts: extractFacts(program, stripBom(text), pattern, isJavaScriptPath(path)) };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
