import { getAdapterSet } from '../adapters/adapter-set.js';
import type { FileFacts, HandlerFact, NameRef, PayloadSource, ValueFact } from '../model/facts.js';
import type { FactsCache } from './facts-cache.js';
import { getModuleCandidates } from './module-paths.js';
import { getPackageFacts, getPackageJsonCandidates, isPackageJsonPath } from './packages.js';
import { ProjectResolver } from './resolver.js';

/** Where one version of the project's files comes from: a git tree or the working tree. */
export interface FileSource {
  /** Texts of the files that pass the cheap text prefilter, by repository-relative POSIX path. */
  readCandidates(): Map<string, string>;
  /** Texts of the given files; files that do not exist are left out. */
  readFiles(paths: string[]): Map<string, string>;
}

export interface LoadedProject {
  files: Map<string, FileFacts>;
  /** Content key of each loaded file, so that a file linted unchanged costs nothing. */
  keys: Map<string, string>;
  /** Files that could not be parsed: their jobs are unknown, not deleted. */
  unparsable: Map<string, string>;
  /** Module paths already looked for, found or not. */
  tried: Set<string>;
}

/** Imports are followed this many levels deep beyond the prefiltered files. */
const MAX_IMPORT_ROUNDS = 6;

export function loadProject(source: FileSource, cache: FactsCache): LoadedProject {
  const project: LoadedProject = { files: new Map(), keys: new Map(), unparsable: new Map(), tried: new Set() };
  const added = addTexts(project, source.readCandidates(), cache);
  followImports(project, source, cache, added);
  return project;
}

/**
 * Loads the modules that `paths` need for resolution and that are not loaded yet, transitively,
 * and (where presets are chosen by dependencies) the package.json files above them.
 */
export function followImports(project: LoadedProject, source: FileSource, cache: FactsCache, paths: string[]): void {
  const needsPackages = getAdapterSet(cache.pattern).explicit === undefined;
  let pending = paths;
  for (let round = 0; round < MAX_IMPORT_ROUNDS && pending.length > 0; round++) {
    if (needsPackages) loadPackageFiles(project, source, pending);
    const wanted = new Set<string>();
    const resolver = new ProjectResolver(project.files, (file, specifier) => {
      for (const candidate of getModuleCandidates(file, specifier)) if (!project.tried.has(candidate)) wanted.add(candidate);
    });
    // Registry files resolve through values in other files: they are visited again each round.
    const registryFiles = [...project.files].filter(([, facts]) => hasRegistryFacts(facts)).map(([path]) => path);
    for (const path of new Set([...pending, ...registryFiles])) touchFile(resolver, path);
    for (const path of wanted) project.tried.add(path);
    pending = wanted.size > 0 ? addTexts(project, source.readFiles([...wanted]), cache) : [];
  }
  if (needsPackages && pending.length > 0) loadPackageFiles(project, source, pending);
}

function loadPackageFiles(project: LoadedProject, source: FileSource, paths: string[]): void {
  const wanted = new Set<string>();
  for (const path of paths) {
    for (const candidate of getPackageJsonCandidates(path)) {
      if (project.tried.has(candidate)) break;
      wanted.add(candidate);
      project.tried.add(candidate);
    }
  }
  if (wanted.size > 0) addTexts(project, source.readFiles([...wanted]), undefined);
}

function addTexts(project: LoadedProject, texts: Map<string, string>, cache: FactsCache | undefined): string[] {
  const parsed: Array<{ key: string; path: string; text: string }> = [];
  for (const [path, text] of texts) {
    if (isPackageJsonPath(path)) {
      const facts = getPackageFacts(text);
      if (facts) project.files.set(path, facts);
    } else if (cache) {
      parsed.push({ key: cache.getKey(path, text), path, text });
    }
  }
  if (!cache) return [];
  cache.prepare(parsed);
  const added: string[] = [];
  for (const { key, path, text } of parsed) {
    const outcome = cache.parse(key, path, text);
    project.keys.set(path, key);
    if ('facts' in outcome) {
      project.files.set(path, outcome.facts);
      added.push(path);
    } else {
      project.unparsable.set(path, outcome.error);
    }
  }
  return added;
}

function hasRegistryFacts(facts: FileFacts): boolean {
  return (
    facts.registrations !== undefined ||
    facts.registryMaps !== undefined ||
    facts.processors !== undefined ||
    facts.namedEnqueues !== undefined ||
    facts.taskDefinitions !== undefined ||
    facts.activityProxies !== undefined ||
    facts.eventFunctions !== undefined
  );
}

/**
 * Resolves everything the contract build will resolve in one file (superclasses, payload
 * types, names, registry handlers): the resolver reports each relative module it lacks.
 */
function touchFile(resolver: ProjectResolver, file: string): void {
  const facts = resolver.files.get(file);
  if (!facts) return;
  const touchName = (name: NameRef | undefined): void => {
    if (name) resolver.resolveName(file, name);
  };
  for (const cls of facts.classes) {
    if (cls.superClass) resolver.resolveClass(file, cls.superClass.split('.')[0]!);
    for (const handler of cls.handlers) touchHandler(resolver, file, handler);
    touchPayload(resolver, file, cls.superTypeArgument);
    for (const name of Object.values(cls.statics ?? {})) touchName(name);
    for (const names of Object.values(cls.staticObjects ?? {})) for (const name of Object.values(names)) touchName(name);
  }
  for (const enqueue of facts.enqueues) {
    resolver.resolveClass(file, enqueue.callee);
    touchName(enqueue.queue);
  }
  for (const registration of facts.registrations ?? []) {
    registration.names.forEach(touchName);
    touchPayload(resolver, file, registration.typeArgument);
    if ('fn' in registration.handler) touchHandler(resolver, file, registration.handler.fn);
    else touchValue(resolver, resolver.resolveValue(file, registration.handler.path), 0);
  }
  for (const map of facts.registryMaps ?? []) {
    const value = 'inline' in map.map ? { file, value: map.map.inline as ValueFact } : resolver.resolveValue(file, map.map.path);
    touchValue(resolver, value, 0);
  }
  for (const enqueue of facts.namedEnqueues ?? []) {
    enqueue.names.forEach(touchName);
    touchName(enqueue.queue);
    if (enqueue.receiver) resolver.resolveClass(file, enqueue.receiver);
    touchReceiver(resolver, file, enqueue.receiverPath);
    if (enqueue.byBinding) for (const name of enqueue.names) if ('path' in name) touchInstance(resolver, file, name.path);
  }
  for (const registration of facts.registrations ?? []) touchReceiver(resolver, file, registration.receiverPath);
  for (const processor of facts.processors ?? []) {
    processor.names?.forEach(touchName);
    touchName(processor.queue);
    touchReceiver(resolver, file, processor.receiverPath);
    touchPayload(resolver, file, processor.typeArgument);
    if (processor.handler && 'fn' in processor.handler) touchHandler(resolver, file, processor.handler.fn);
    else if (processor.handler) touchValue(resolver, resolver.resolveValue(file, processor.handler.path), 0);
    for (const method of Object.values(processor.methods ?? {})) touchHandler(resolver, file, method);
  }
  for (const binding of Object.values(facts.bindings ?? {})) touchName(binding.name);
  if (facts.defaultExport && 'fn' in facts.defaultExport) touchHandler(resolver, file, facts.defaultExport.fn);
  else if (facts.defaultExport) touchValue(resolver, resolver.resolveValue(file, facts.defaultExport.path), 0);
  else if (facts.exportAliases.default) touchValue(resolver, resolver.resolveValue(file, [facts.exportAliases.default]), 0);
  for (const payloads of Object.values(facts.declaredPayloads ?? {})) for (const source of Object.values(payloads)) touchPayload(resolver, file, source);
  for (const fn of facts.eventFunctions ?? []) {
    for (const event of fn.events) {
      touchName(event.name);
      if ('path' in event.name) touchInstance(resolver, file, event.name.path);
    }
    if (fn.handler) touchHandler(resolver, file, fn.handler);
  }
  for (const value of Object.values(facts.values ?? {})) if (value.kind === 'instance') touchInstanceValue(resolver, file, value);
  for (const proxy of facts.activityProxies ?? []) touchValue(resolver, resolver.resolveValue(file, proxy.module), 0);
  for (const definition of facts.taskDefinitions ?? []) {
    touchName(definition.id);
    touchPayload(resolver, file, definition.payload);
    if (definition.handler) touchHandler(resolver, file, definition.handler);
    if (definition.schemaPath) resolver.resolveValue(file, definition.schemaPath);
  }
}

/** A task object or an event type by reference, and what it was given where it is defined: its name, its schema. */
function touchInstance(resolver: ProjectResolver, file: string, path: string[]): void {
  const value = resolver.resolveValue(file, path);
  if (value?.value.kind === 'instance') touchInstanceValue(resolver, value.file, value.value);
}

function touchInstanceValue(resolver: ProjectResolver, file: string, value: ValueFact & { kind: 'instance' }): void {
  if (value.name) resolver.resolveName(file, value.name);
  touchPayload(resolver, file, value.payload);
  if (value.schemaPath) resolver.resolveValue(file, value.schemaPath);
}

/** An imported queue or task object (`import { emailQueue } from './queues'`), and the name it was given there. */
function touchReceiver(resolver: ProjectResolver, file: string, path: string[] | undefined): void {
  if (!path || path[0] === 'this' || path[0]!.startsWith('new ')) return;
  const value = resolver.resolveValue(file, path);
  if (value?.value.kind === 'instance' && value.value.name) resolver.resolveName(value.file, value.value.name);
}

/** Object maps of jobs nest at most this deep: map, entry, handler. */
const MAX_VALUE_DEPTH = 3;

function touchValue(resolver: ProjectResolver, resolved: { file: string; value: ValueFact } | undefined, depth: number): void {
  const value = resolved && resolver.deref(resolved);
  if (!value || depth > MAX_VALUE_DEPTH) return;
  if (value.value.kind === 'function') touchHandler(resolver, value.file, value.value.fn);
  if (value.value.kind === 'object') {
    for (const member of Object.values(value.value.props)) touchValue(resolver, { file: value.file, value: member }, depth + 1);
  }
}

function touchHandler(resolver: ProjectResolver, file: string, handler: HandlerFact, depth = 0): void {
  touchPayload(resolver, file, handler.payload);
  touchPayload(resolver, file, handler.firstParamTypeArgument);
  touchPayload(resolver, file, handler.firstParamPayload);
  const dispatch = handler.dispatch;
  if (!dispatch || depth > 0) return;
  if (dispatch.map) touchValue(resolver, resolver.resolveValue(file, dispatch.map.path), 0);
  for (const entry of dispatch.cases) {
    entry.names.forEach((name) => resolver.resolveName(file, name));
    touchHandler(resolver, file, entry.fn, depth + 1);
    if (entry.delegate && entry.delegate.path[0] !== 'this') {
      const target = resolver.resolveValue(file, entry.delegate.path);
      if (target?.value.kind === 'function') touchHandler(resolver, target.file, target.value.fn, depth + 1);
    }
  }
}

function touchPayload(resolver: ProjectResolver, file: string, source: PayloadSource | undefined): void {
  if (source && 'ref' in source) resolver.resolveType(file, source.ref.name);
}
