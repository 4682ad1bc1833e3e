import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import plugin from '../../src/index.js';

export interface LintOptions {
  settings?: Record<string, unknown>;
  fix?: boolean;
  config?: 'recommended' | 'strict';
}

/** An ESLint instance configured as the README tells users: the TypeScript parser plus `configs.recommended`. */
export function createESLint(cwd: string, options: LintOptions = {}): ESLint {
  return new ESLint({
    cwd,
    overrideConfigFile: true,
    fix: options.fix ?? false,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser } },
      plugin.configs[options.config ?? 'recommended'],
      ...(options.settings ? [{ settings: { 'safe-jobs': options.settings } }] : []),
    ] as ESLint.Options['overrideConfig'],
  });
}

export interface Message {
  file: string;
  rule: string | null;
  line: number;
  column: number;
  message: string;
  severity: number;
}

export async function lintFiles(cwd: string, patterns: string[] = ['.'], options: LintOptions = {}): Promise<Message[]> {
  const eslint = createESLint(cwd, options);
  const results = await eslint.lintFiles(patterns);
  if (options.fix) await ESLint.outputFixes(results);
  return flatten(cwd, results);
}

export function flatten(cwd: string, results: ESLint.LintResult[]): Message[] {
  return results.flatMap((result) =>
    result.messages.map((message) => ({
      file: result.filePath.slice(cwd.length + 1),
      rule: message.ruleId,
      line: message.line,
      column: message.column,
      message: message.message,
      severity: message.severity,
    })),
  );
}
