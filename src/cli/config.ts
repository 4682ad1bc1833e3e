/**
 * The command line reads the same configuration as the ESLint rules: the flat config's
 * `settings['safe-jobs']` and rule levels where ESLint finds an `eslint.config.*`, else a
 * `"safe-jobs"` key in package.json with the levels of `configs.recommended`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import plugin from '../index.js';

export type Severity = 'error' | 'warn' | 'off';

export interface CliConfig {
  settings: unknown;
  /** Level of each rule, by name without the plugin prefix. */
  severities: Record<string, Severity>;
  /** Options of each rule that has any, by name without the plugin prefix. */
  options: Record<string, unknown[]>;
  source: 'eslint.config' | 'package.json' | 'defaults';
  /** Why `eslint.config.*` was not read although it exists: said on stderr, never silent. */
  warning?: string;
}

const PREFIX = 'safe-jobs/';

export async function loadCliConfig(cwd: string): Promise<CliConfig> {
  let warning: string | undefined;
  try {
    const fromESLint = await loadFromESLint(cwd);
    if (fromESLint) return fromESLint;
  } catch (error) {
    // A checkout without its dependencies (a CI step before `npm ci`, a bare worktree) cannot load a
    // config that imports them; the command still runs, on package.json's settings, and says so.
    if (!(error instanceof ConfigLoadError)) throw error;
    warning = error.message;
  }
  const fromPackage = readPackageSettings(cwd);
  const config: CliConfig = { settings: fromPackage, ...getRuleLevels({}), source: fromPackage === undefined ? 'defaults' : 'package.json' };
  if (warning) config.warning = warning;
  return config;
}

/** The project's `eslint.config.*` exists but cannot be loaded. */
class ConfigLoadError extends Error {}

async function loadFromESLint(cwd: string): Promise<CliConfig | undefined> {
  let eslint: import('eslint').ESLint;
  let configFile: string | undefined;
  try {
    const { ESLint } = await import('eslint');
    eslint = new ESLint({ cwd });
    configFile = await eslint.findConfigFile();
  } catch {
    // ESLint is not installed, or finds no config: package.json holds the settings.
    return undefined;
  }
  if (configFile === undefined) return undefined;
  try {
    // The settings that apply to the project's source files: TypeScript where configured, else JavaScript.
    let config: { settings?: Record<string, unknown>; rules?: Record<string, unknown> } | undefined;
    for (const probe of ['safe-jobs-check.ts', 'safe-jobs-check.js']) {
      config ??= (await eslint.calculateConfigForFile(join(cwd, probe))) as typeof config;
    }
    if (!config) return undefined;
    return { settings: config.settings?.['safe-jobs'], ...getRuleLevels(config.rules ?? {}), source: 'eslint.config' };
  } catch (error) {
    // Defaults here would report what the editor does not (or hide what it reports): stop instead.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigLoadError(
      `${configFile} could not be loaded (${message}), so its settings and rule levels are not used: this check runs with ${'`'}package.json${'`'}'s "safe-jobs" settings, else the defaults, and the levels of configs.recommended.`,
    );
  }
}

/** The levels of `configs.recommended`, overridden by what the user's config says of each rule. */
function getRuleLevels(configured: Record<string, unknown>): Pick<CliConfig, 'severities' | 'options'> {
  const severities: Record<string, Severity> = {};
  const options: Record<string, unknown[]> = {};
  for (const [name, value] of Object.entries({ ...plugin.configs.recommended.rules, ...configured })) {
    if (!name.startsWith(PREFIX)) continue;
    const [level, ...ruleOptions] = Array.isArray(value) ? value : [value];
    severities[name.slice(PREFIX.length)] = toSeverity(level);
    if (ruleOptions.length > 0) options[name.slice(PREFIX.length)] = ruleOptions;
  }
  return { severities, options };
}

/** A rule level as ESLint writes it (`2`, `'error'`, `1`, `'warn'`, anything else off). */
function toSeverity(level: unknown): Severity {
  return level === 2 || level === 'error' ? 'error' : level === 1 || level === 'warn' ? 'warn' : 'off';
}

function readPackageSettings(cwd: string): unknown {
  try {
    return (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as Record<string, unknown>)['safe-jobs'];
  } catch {
    return undefined;
  }
}

/**
 * The level of each plugin rule that `eslint.config.*` sets for each of `files` (relative to
 * `root`), as ESLint resolves it for that file: a `files:`-scoped level counts where it applies.
 * A rule the file's config does not name is left out (the project-wide level stands).
 */
export async function getFileRuleLevels(cwd: string, root: string, files: readonly string[]): Promise<Map<string, Record<string, Severity>>> {
  const levels = new Map<string, Record<string, Severity>>();
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd });
  for (const file of files) {
    const config = (await eslint.calculateConfigForFile(join(root, file)).catch(() => undefined)) as { rules?: Record<string, unknown> } | undefined;
    if (!config?.rules) continue;
    const own: Record<string, Severity> = {};
    for (const [name, value] of Object.entries(config.rules)) {
      if (name.startsWith(PREFIX)) own[name.slice(PREFIX.length)] = toSeverity(Array.isArray(value) ? value[0] : value);
    }
    levels.set(file, own);
  }
  return levels;
}
