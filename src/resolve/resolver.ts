/**
 * Resolution of names across the files of one version of the project: which class a
 * superclass or enqueue callee names, which declaration a payload type names, which string a
 * job name resolves to, which function or object a registry refers to. Imports are followed
 * through the version's module resolution (relative paths, tsconfig aliases, workspace
 * packages) and through re-exports (`export *`, `export { a as b } from`, `export * as ns`),
 * as TypeScript binds them, with cycles cut.
 */
import type { ClassFact, FileFacts, HandlerFact, ImportBinding, NameRef, PayloadSource, TypeDeclFact, ValueFact } from '../model/facts.js';
import { getOwn } from '../model/records.js';
import { ModuleResolver, type ModuleTarget } from './module-resolver.js';
import { evaluateDerivedSchema } from './derived-schemas.js';
import { PayloadResolver } from './payload-resolver.js';

export interface ResolvedClass {
  file: string;
  cls: ClassFact;
}

export type ClassRef = ResolvedClass | { external: string };

export interface ResolvedValue {
  file: string;
  value: ValueFact;
}

/** Chains of `const a = b` references longer than this are cycles. */
const MAX_REFS = 8;

export type { PayloadField } from './payload-shapes.js';
import type { PayloadField } from './payload-shapes.js';

/** Told of each file of the version that the resolution needs and that is not loaded. */
export type MissingModule = (path: string) => void;

/**
 * Where an exported name is declared: a module-level name of a file, or (for `export * as ns`
 * and an imported namespace re-exported) a whole module.
 */
type ExportSymbol = { file: string; local: string } | { namespace: string };

/** Re-export chains longer than this are not followed (barrels of barrels are rarely deeper than three). */
const MAX_EXPORT_DEPTH = 12;

export class ProjectResolver {
  private readonly classesByName = new Map<string, ResolvedClass[]>();
  private readonly exportsMemo = new Map<string, ExportSymbol | null>();
  private readonly payloads = new PayloadResolver(this);
  readonly modules: ModuleResolver;

  /**
   * @param modules the version's module resolution; without one, only the loaded files exist
   * @param onMissing called with each file an import reaches that is not loaded (the loader
   * uses it to know what to read next)
   */
  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    modules?: ModuleResolver,
    private readonly onMissing?: MissingModule,
  ) {
    this.modules = modules ?? new ModuleResolver(files.keys(), () => new Map());
    for (const [file, facts] of files) {
      for (const cls of facts.classes) {
        const list = this.classesByName.get(cls.name) ?? [];
        list.push({ file, cls });
        this.classesByName.set(cls.name, list);
      }
    }
  }

  resolveClass(file: string, localName: string): ClassRef {
    const facts = this.files.get(file);
    const local = facts?.classes.find((cls) => cls.name === localName);
    if (local) return { file, cls: local };
    const binding = getOwn(facts?.imports, localName);
    if (binding) {
      const symbol = this.findImported(file, binding);
      const found = symbol && 'local' in symbol ? this.getClass(symbol.file, symbol.local) : undefined;
      if (found) return found;
    }
    const name = binding && binding.imported !== 'default' && binding.imported !== '*' ? binding.imported : localName;
    const byName = this.classesByName.get(name);
    // Classes found only by name must be unambiguous, or the superclass chain would be a guess.
    if (byName?.length === 1) return byName[0]!;
    return { external: name };
  }

  resolveType(file: string, localName: string): { file: string; decl: TypeDeclFact } | undefined {
    const facts = this.files.get(file);
    const local = facts?.types.find((decl) => decl.name === localName);
    if (local) return { file, decl: local };
    const binding = getOwn(facts?.imports, localName);
    const symbol = binding ? this.findImported(file, binding) : this.findReExported(file, localName);
    if (!symbol || !('local' in symbol)) return undefined;
    const decl = this.files.get(symbol.file)!.types.find((candidate) => candidate.name === symbol.local);
    return decl ? { file: symbol.file, decl } : undefined;
  }

  /**
   * The fields a payload source stands for, with the file that declares the type; a field
   * inherited from a base type (`extends`, `B & { ... }`) carries the file of its own declaration.
   */
  resolvePayload(file: string, source: PayloadSource | undefined): { file: string; fields: PayloadField[] } | undefined {
    return this.payloads.resolvePayload(file, source);
  }

  /** Members whose types name project types (`format: ExportFormat`, `team: Team` in a schema), with those names replaced by their structure. */
  expandFields<T extends PayloadField>(file: string, fields: T[]): T[] {
    return this.payloads.expandFields(file, fields);
  }

  /**
   * The module-level value a reference path names (`jobs`, `JOBS.send`, `ns.handlers.add`),
   * following `const a = b` aliases, imports and re-exports.
   */
  resolveValue(file: string, path: readonly string[], depth = 0): ResolvedValue | undefined {
    if (depth > MAX_REFS || path.length === 0) return undefined;
    const facts = this.files.get(file);
    if (!facts) return undefined;
    const [head, ...rest] = path as [string, ...string[]];
    const local = getOwn(facts.values, head);
    if (local) return this.walk({ file, value: local }, rest, depth);
    const binding = getOwn(facts.imports, head);
    const symbol = binding ? this.findImported(file, binding) : this.findReExported(file, head);
    if (!symbol) return undefined;
    if ('namespace' in symbol) {
      if (rest.length === 0) return this.getNamespaceValue(symbol.namespace);
      return this.resolveValue(symbol.namespace, rest, depth + 1);
    }
    const value = getOwn(this.files.get(symbol.file)!.values, symbol.local);
    return value ? this.walk({ file: symbol.file, value }, rest, depth) : undefined;
  }

  /** A name resolved to its string, or undefined when it is dynamic or cannot be followed. */
  resolveName(file: string, name: NameRef): string | undefined {
    if ('value' in name) return name.value;
    const value = this.resolveValue(file, name.path);
    if (value) return value.value.kind === 'string' && this.isFrozenPath(file, name.path) ? value.value.value : undefined;
    // `X.name`: the name of a class of the project, or of one imported from a module that no longer declares it.
    if (name.path.length === 2 && name.path[1] === 'name') return this.getClassName(file, name.path[0]!);
    // `sendReminder.id`: the name a framework object was made with (`task({ id })`, `new Queue('email')`).
    if (name.path.length >= 2 && OWN_NAME_KEYS.has(name.path[name.path.length - 1]!)) {
      const owner = this.resolveValue(file, name.path.slice(0, -1));
      if (owner?.value.kind === 'instance' && owner.value.name && this.isFrozenPath(file, name.path.slice(0, -1))) {
        return this.resolveName(owner.file, owner.value.name);
      }
    }
    return undefined;
  }

  /** The class a local name refers to, by its declared name, including a class imported from a module that no longer declares it. */
  getClassName(file: string, localName: string): string | undefined {
    const target = this.resolveClass(file, localName);
    return 'cls' in target ? target.cls.name : this.getDeletedClassName(file, localName);
  }

  /**
   * The name of a class-like import (capitalized) from a module of the project that, where
   * loaded, declares no value of that name: a class deleted while its importers remain. A
   * default import counts, under its local name, only when the whole module is gone. A module
   * that exists but cannot be read (unparsable, too big, a declaration file) proves nothing.
   */
  getDeletedClassName(file: string, localName: string): string | undefined {
    const binding = getOwn(this.files.get(file)?.imports, localName);
    if (!binding || binding.imported === '*') return undefined;
    const target = this.getModule(file, binding.source);
    if (binding.imported === 'default') return 'missing' in target && /^[A-Z]/.test(localName) ? localName : undefined;
    if (!/^[A-Z]/.test(binding.imported)) return undefined;
    if ('missing' in target) return binding.imported;
    if (!('file' in target) || !this.files.has(target.file)) return undefined;
    return this.findExport(target.file, binding.imported) === undefined && this.isFullyKnown(target.file) ? binding.imported : undefined;
  }

  /** A function a registry names: inline, or a module-level function (or object's method) by reference. */
  resolveFunction(file: string, path: readonly string[]): { file: string; fn: HandlerFact } | undefined {
    const resolved = this.resolveValue(file, path);
    return resolved?.value.kind === 'function' ? { file: resolved.file, fn: resolved.value.fn } : undefined;
  }

  /** Follows a value that is a reference to another value, until it is not. */
  deref(resolved: ResolvedValue, depth = 0): ResolvedValue | undefined {
    if (resolved.value.kind === 'derived-schema') {
      const schema = evaluateDerivedSchema(resolved.file, resolved.value, (file, value) => this.deref({ file, value }, depth + 1));
      return schema && { file: schema.file, value: { kind: 'schema', fields: schema.fields } };
    }
    if (resolved.value.kind !== 'ref') return resolved;
    if (depth > MAX_REFS) return undefined;
    const next = this.resolveValue(resolved.file, resolved.value.path, depth + 1);
    return next ? this.deref(next, depth + 1) : undefined;
  }

  /**
   * The names a module exports through `export ... from` (named, renamed and `export *`,
   * transitively), each with where it is declared. A module's own exports are not listed: the
   * kinds that need them record them while reading the file.
   */
  listReExports(file: string): Array<{ exported: string; file: string; local: string }> {
    const found = new Map<string, { exported: string; file: string; local: string }>();
    for (const exported of this.getReExportedNames(file, new Set())) {
      const symbol = this.findExport(file, exported);
      if (symbol && 'local' in symbol && !found.has(exported)) found.set(exported, { exported, ...symbol });
    }
    return [...found.values()];
  }

  /** Which loaded file an import of `specifier` from `file` reaches; tells onMissing of a file not loaded yet. */
  getModule(file: string, specifier: string): ModuleTarget {
    const target = this.modules.resolve(file, specifier);
    if ('file' in target && !this.files.has(target.file)) this.onMissing?.(target.file);
    return target;
  }

  /** Where an imported binding is declared, through the module it names and that module's re-exports. */
  private findImported(file: string, binding: ImportBinding): ExportSymbol | undefined {
    const target = this.getLoadedModule(file, binding.source);
    if (target === undefined) return undefined;
    return binding.imported === '*' ? { namespace: target } : this.findExport(target, binding.imported);
  }

  /** A name a module re-exports without declaring or importing it. */
  private findReExported(file: string, name: string): ExportSymbol | undefined {
    return this.files.get(file)?.reExports ? this.findExport(file, name) : undefined;
  }

  private getLoadedModule(file: string, specifier: string): string | undefined {
    const target = this.getModule(file, specifier);
    return 'file' in target && this.files.has(target.file) ? target.file : undefined;
  }

  /**
   * Where a module's export of `exported` is declared: its own module-level name (under an
   * `export { a as b }` alias), a name it imports, a named re-export, or one of its `export *`
   * modules (never for `default`). Memoized per build; cycles and overlong chains find nothing.
   */
  private findExport(file: string, exported: string, depth = 0, visiting = new Set<string>()): ExportSymbol | undefined {
    const key = `${file}\0${exported}`;
    const memo = this.exportsMemo.get(key);
    if (memo !== undefined) return memo ?? undefined;
    if (visiting.has(key) || depth > MAX_EXPORT_DEPTH) return undefined;
    visiting.add(key);
    const found = this.findExportUncached(file, exported, depth, visiting);
    visiting.delete(key);
    this.exportsMemo.set(key, found ?? null);
    return found;
  }

  private findExportUncached(file: string, exported: string, depth: number, visiting: Set<string>): ExportSymbol | undefined {
    const facts = this.files.get(file);
    if (!facts) return undefined;
    const local = getOwn(facts.exportAliases, exported) ?? exported;
    if (exported === 'default') {
      const cls = facts.classes.find((candidate) => candidate.isDefaultExport);
      if (cls) return { file, local: cls.name };
    }
    if (this.declares(facts, local)) return { file, local };
    const binding = getOwn(facts.imports, local);
    if (binding) {
      const target = this.getLoadedModule(file, binding.source);
      if (target === undefined) return undefined;
      return binding.imported === '*' ? { namespace: target } : this.findExport(target, binding.imported, depth + 1, visiting);
    }
    const reExports = facts.reExports ?? [];
    for (const reExport of reExports) {
      if (reExport.exported !== exported) continue;
      const target = this.getLoadedModule(file, reExport.source);
      if (target === undefined) return undefined;
      return reExport.imported === '*' ? { namespace: target } : this.findExport(target, reExport.imported, depth + 1, visiting);
    }
    if (exported === 'default') return undefined;
    for (const reExport of reExports) {
      if (reExport.exported !== '*') continue;
      const target = this.getLoadedModule(file, reExport.source);
      const found = target === undefined ? undefined : this.findExport(target, exported, depth + 1, visiting);
      if (found) return found;
    }
    return undefined;
  }

  private declares(facts: FileFacts, local: string): boolean {
    return getOwn(facts.values, local) !== undefined || facts.classes.some((cls) => cls.name === local) || facts.types.some((decl) => decl.name === local);
  }

  /** Whether every module a file re-exports from is loaded: only then is a name it lacks known to be gone. */
  private isFullyKnown(file: string, depth = 0, seen = new Set<string>()): boolean {
    if (seen.has(file) || depth > MAX_EXPORT_DEPTH) return true;
    seen.add(file);
    for (const reExport of this.files.get(file)?.reExports ?? []) {
      const target = this.getModule(file, reExport.source);
      if ('missing' in target) continue;
      if (!('file' in target) || !this.files.has(target.file) || !this.isFullyKnown(target.file, depth + 1, seen)) return false;
    }
    return true;
  }

  /** The names a module's `export ... from` declarations export, `export *` followed. */
  private getReExportedNames(file: string, seen: Set<string>): string[] {
    if (seen.has(file) || seen.size > MAX_EXPORT_DEPTH * 8) return [];
    seen.add(file);
    const facts = this.files.get(file);
    const names: string[] = this.getPassedOnImports(file);
    for (const reExport of facts?.reExports ?? []) {
      if (reExport.exported !== '*') {
        names.push(reExport.exported);
        continue;
      }
      const target = this.getLoadedModule(file, reExport.source);
      if (target === undefined) continue;
      const targetFacts = this.files.get(target)!;
      // `export *` passes on every named export but `default`: the module's own names, and its re-exports.
      names.push(...Object.keys(targetFacts.values ?? {}), ...targetFacts.classes.map((cls) => cls.name), ...targetFacts.types.map((decl) => decl.name));
      names.push(...Object.keys(targetFacts.exportAliases).filter((name) => name !== 'default'));
      names.push(...this.getReExportedNames(target, seen));
    }
    return names;
  }

  /** `import { a } from './a'; export { a }`: names a module exports that it imports, which pass an import on like `export { a } from`. */
  private getPassedOnImports(file: string): string[] {
    const facts = this.files.get(file);
    return (facts?.exportedNames ?? []).filter((name) => name !== 'default' && getOwn(facts!.imports, getOwn(facts!.exportAliases, name) ?? name) !== undefined);
  }

  /** An imported namespace as an object: the module's own values, and its re-exported names by reference. */
  private getNamespaceValue(file: string): ResolvedValue {
    const props: Record<string, ValueFact> = { ...this.files.get(file)!.values };
    for (const name of this.getReExportedNames(file, new Set())) if (getOwn(props, name) === undefined) props[name] = { kind: 'ref', path: [name] };
    return { file, value: { kind: 'object', frozen: true, props } };
  }

  private getClass(file: string, name: string): ResolvedClass | undefined {
    const cls = this.files.get(file)?.classes.find((candidate) => candidate.name === name);
    return cls ? { file, cls } : undefined;
  }

  private walk(start: ResolvedValue, rest: string[], depth: number): ResolvedValue | undefined {
    let current: ResolvedValue | undefined = start;
    for (const key of rest) {
      current = current && this.deref(current, depth + 1);
      if (current?.value.kind !== 'object') return undefined;
      const next: ValueFact | undefined = getOwn(current.value.props, key);
      if (!next) return undefined;
      current = { file: current.file, value: next };
    }
    return current && this.deref(current, depth + 1);
  }

  /**
   * Whether every object a name path walks through is frozen (a string enum, an `as const` or
   * `Object.freeze` object): members of an ordinary object can be reassigned at run time.
   */
  private isFrozenPath(file: string, path: readonly string[]): boolean {
    for (let length = 1; length < path.length; length++) {
      if (length === 1 && getOwn(this.files.get(file)?.imports, path[0]!)?.imported === '*') continue;
      const resolved = this.resolveValue(file, path.slice(0, length));
      if (resolved?.value.kind === 'instance') continue;
      if (resolved?.value.kind !== 'object' || !resolved.value.frozen) return false;
    }
    return true;
  }
}

/** Properties that hold the name a framework object was made with: a task's `id`, a queue's `name`. */
const OWN_NAME_KEYS = new Set(['id', 'name']);
