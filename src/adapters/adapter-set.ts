/**
 * The adapters a JobPattern stands for, resolved once per pattern: which configurations are
 * extracted, in which priority, which are enabled for a file, and what the kinds together ask
 * of the shared readers and the prefilter.
 */
import type { JobPattern } from './job-pattern.js';
import type { AdapterConfigBase, AdapterKind, AdapterSetting, KindNeeds, Preset } from './kind.js';
import { KIND_STAGES, KINDS } from './kinds.js';
import type { ReceiverReading } from './shared/bindings.js';
import type { ClassReading } from './shared/classes.js';

export interface KindConfigs {
  kind: AdapterKind;
  configs: AdapterConfigBase[];
}

export interface AdapterSet {
  /** The kinds that have adapters, in the order of `kinds.ts`, each with its adapters in priority order (declared ones, presets, the settings' own presets last). */
  kinds: KindConfigs[];
  /** The same, by stage of `kinds.ts` (stages without adapters left out). */
  stages: KindConfigs[][];
  /** Each adapter and its kind, by name. */
  byName: ReadonlyMap<string, { kind: AdapterKind; config: AdapterConfigBase }>;
  /**
   * The framework of each adapter that belongs to one: a framework preset's own name, inherited
   * by the adapters that extend it; in-house presets and declared adapters of no preset have none.
   */
  frameworks: ReadonlyMap<string, string>;
  /** Adapters enabled in every file (`frameworks` set, and declared adapters); undefined for automatic selection. */
  explicit?: ReadonlySet<string>;
  /** Adapters enabled in every file under automatic selection: declared ones and the settings' own presets. */
  always: ReadonlySet<string>;
  candidatePattern: string;
  classReading: ClassReading;
  receiverReading: ReceiverReading;
}

/** Every built-in preset by name, kind by kind. */
const PRESETS: ReadonlyMap<string, Preset<AdapterConfigBase>> = new Map(KINDS.flatMap((kind) => kind.presets.map((preset) => [preset.config.name, preset] as const)));
const SETTINGS_PRESETS = KINDS.flatMap((kind) => (kind.settingsPreset ? [{ kind, ...kind.settingsPreset }] : []));

export const PRESET_NAMES: readonly string[] = [...SETTINGS_PRESETS.map((preset) => preset.name), ...PRESETS.keys()];

const sets = new WeakMap<JobPattern, AdapterSet>();
const setsByKey = new Map<string, AdapterSet>();

export function getAdapterSet(pattern: JobPattern): AdapterSet {
  let set = sets.get(pattern);
  if (!set) {
    const key = JSON.stringify(pattern);
    set = setsByKey.get(key) ?? createAdapterSet(pattern);
    setsByKey.set(key, set);
    sets.set(pattern, set);
  }
  return set;
}

/**
 * A cheap text test for files that may hold jobs or enqueue sites, made of every adapter's
 * tokens. Files it misses but that the resolution needs (a base class, a payload type, a
 * constant) are loaded by following imports.
 */
export function getCandidatePattern(pattern: JobPattern): string {
  return getAdapterSet(pattern).candidatePattern;
}

/** Why a `frameworks` or `adapters` setting cannot be used, or undefined when it can. */
export function getAdapterSettingsProblem(frameworks: string[] | undefined, adapters: AdapterSetting[] | undefined): string | undefined {
  const declared = new Set<string>();
  for (const [index, adapter] of (adapters ?? []).entries()) {
    if (declared.has(adapter.name)) return `adapters.${index}.name: '${adapter.name}' is declared twice`;
    declared.add(adapter.name);
    if (adapter.extends !== undefined) {
      const type = SETTINGS_PRESETS.find((preset) => preset.name === adapter.extends)?.kind.type ?? PRESETS.get(adapter.extends)?.config.type;
      if (!type) return `adapters.${index}.extends: '${adapter.extends}' is not a preset (${PRESET_NAMES.join(', ')})`;
      if (type !== adapter.type) return `adapters.${index}.extends: '${adapter.extends}' is a ${type} preset, not a ${adapter.type} one`;
    }
    if (adapter.framework !== undefined) {
      const frameworks = PRESET_NAMES.filter((name) => PRESETS.has(name) && !PRESETS.get(name)!.inHouse);
      if (!frameworks.includes(adapter.framework)) return `adapters.${index}.framework: '${adapter.framework}' is not a framework (${frameworks.join(', ')})`;
      if (adapter.extends !== undefined) return `adapters.${index}.framework: an adapter that extends a preset runs on that preset's framework already`;
    }
  }
  for (const [index, name] of (frameworks ?? []).entries()) {
    if (!PRESET_NAMES.includes(name) && !declared.has(name)) {
      return `frameworks.${index}: '${name}' is neither a preset (${PRESET_NAMES.join(', ')}) nor a declared adapter`;
    }
  }
  return undefined;
}

/**
 * Whether an adapter is enabled for a file whose nearest package.json depends on
 * `dependencies` (undefined: no package.json above the file).
 */
export function isAdapterEnabled(set: AdapterSet, name: string, dependencies: readonly string[] | undefined): boolean {
  if (set.explicit) return set.explicit.has(name);
  if (set.always.has(name)) return true;
  const packages = PRESETS.get(name)?.packages;
  return packages !== undefined && dependencies !== undefined && packages.some((pkg) => dependencies.includes(pkg));
}

function createAdapterSet(pattern: JobPattern): AdapterSet {
  const ownPresets = SETTINGS_PRESETS.map((preset) => preset.build(pattern));
  const declared = (pattern.adapters ?? []).map((setting) => toConfig(setting, ownPresets));
  const declaredNames = new Set(declared.map((config) => config.name));
  const presets = [...PRESETS.values()].map((preset) => preset.config).filter((config) => !declaredNames.has(config.name));
  presets.push(...ownPresets.filter((config) => !declaredNames.has(config.name)));
  const wanted = pattern.frameworks ? new Set([...pattern.frameworks, ...declaredNames]) : undefined;
  const adapters = [...declared, ...presets].filter((config) => !wanted || wanted.has(config.name));
  const kinds = KINDS.map((kind) => ({ kind, configs: adapters.filter((config) => config.type === kind.type) })).filter((entry) => entry.configs.length > 0);
  const needs = kinds.map(({ kind, configs }) => kind.needs(configs, (adapter) => PRESETS.get(adapter)?.packages ?? []));
  const frameworks = new Map<string, string>();
  const frameworkOf = (name: string | undefined) => (name !== undefined && PRESETS.has(name) && !PRESETS.get(name)!.inHouse ? name : undefined);
  for (const name of PRESETS.keys()) if (frameworkOf(name)) frameworks.set(name, name);
  for (const setting of pattern.adapters ?? []) {
    // A declared adapter belongs to the preset it extends, the framework it names, or overrides under the preset's name.
    const framework = frameworkOf(setting.extends ?? setting.framework ?? setting.name);
    if (framework) frameworks.set(setting.name, framework);
    else frameworks.delete(setting.name);
  }
  const set: AdapterSet = {
    kinds,
    stages: KIND_STAGES.map((stage) => kinds.filter((entry) => stage.includes(entry.kind))).filter((stage) => stage.length > 0),
    frameworks,
    byName: new Map(kinds.flatMap(({ kind, configs }) => configs.map((config) => [config.name, { kind, config }] as const))),
    always: new Set([...declaredNames, ...ownPresets.map((config) => config.name)]),
    candidatePattern: getCandidateTokens(needs).join('|'),
    classReading: {
      handlerMethods: new Set(needs.flatMap((need) => need.classes?.handlerMethods ?? [])),
      staticProperties: new Set(needs.flatMap((need) => need.classes?.staticProperties ?? [])),
      staticOptions: new Set(needs.flatMap((need) => need.classes?.staticOptions ?? [])),
    },
    receiverReading: {
      types: new Set(needs.flatMap((need) => need.receivers?.types ?? [])),
      callable: new Set(needs.flatMap((need) => need.receivers?.callable ?? [])),
      inject: new Set(needs.flatMap((need) => need.receivers?.inject ?? [])),
      typedMembers: needs.some((need) => need.receivers?.typedMembers === true),
      names: new Set(needs.flatMap((need) => need.receivers?.names ?? []).map((name) => name.toLowerCase())),
    },
  };
  if (wanted) set.explicit = wanted;
  return set;
}

/** A declared adapter with its preset (`extends`) and its kind's defaults filled in. */
function toConfig(setting: AdapterSetting, ownPresets: AdapterConfigBase[]): AdapterConfigBase {
  const { extends: base, ...own } = setting;
  const preset = base === undefined ? undefined : (ownPresets.find((config) => config.name === base) ?? PRESETS.get(base)?.config);
  const declarable = KINDS.find((candidate) => candidate.type === own.type)?.declarable;
  // Settings are validated before they become a pattern: a type no kind declares never gets here from them.
  if (!declarable) throw new Error(`adapter '${own.name}' has type '${own.type}', which no kind lets users declare`);
  return declarable.fromSetting(own, preset?.type === own.type ? preset : undefined);
}

function getCandidateTokens(needs: KindNeeds[]): string[] {
  const tokens = [...new Set(needs.flatMap((need) => need.tokens))];
  const packages = [...new Set(needs.flatMap((need) => need.packages ?? []))].map((pkg) => pkg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Any file that imports the framework's package: its processors, queues and flows are read.
  if (packages.length > 0) tokens.push(`['"](${packages.join('|')})['"/]`);
  // No adapter at all: a pattern that selects nothing.
  return tokens.length > 0 ? tokens : ['$^'];
}
