/**
 * Resolution of names across the files of one version of the project: which class a
 * superclass or enqueue callee names, which declaration a payload type names, which string a
 * job name resolves to, which function or object a registry refers to.
 */
import type { ClassFact, FileFacts, HandlerFact, ImportBinding, NameRef, PayloadSource, TypeDeclFact, ValueFact } from '../model/facts.js';
import { getImportedFile, isRelativeSpecifier } from './module-paths.js';
import { getOwn } from '../model/records.js';

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

/** Told of each relative module the resolution needs and that is not loaded. */
export type MissingModule = (file: string, specifier: string) => void;

export class ProjectResolver {
  private readonly classesByName = new Map<string, ResolvedClass[]>();

  /**
   * @param onMissing called with a file and an import specifier whenever resolution needs a
   * relative module that is not loaded (the loader uses it to know what to read next).
   */
  constructor(
    readonly files: ReadonlyMap<string, FileFacts>,
    private readonly onMissing?: MissingModule,
  ) {
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
      const target = this.getTarget(file, binding);
      const found = target ? this.findExportedClass(target, binding.imported) : undefined;
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
    if (!binding) return undefined;
    const target = this.getTarget(file, binding);
    if (!target) return undefined;
    const targetFacts = this.files.get(target)!;
    const exportedName = getOwn(targetFacts.exportAliases, binding.imported) ?? binding.imported;
    const decl = targetFacts.types.find((candidate) => candidate.name === exportedName);
    return decl ? { file: target, decl } : undefined;
  }

  /** The fields a payload source stands for, each with the file that declares it. */
  resolvePayload(file: string, source: PayloadSource | undefined): { file: string; fields: TypeDeclFact['fields'] } | undefined {
    if (!source) return undefined;
    if ('inline' in source) return { file, fields: source.inline };
    const resolved = this.resolveType(file, source.ref.name);
    return resolved ? { file: resolved.file, fields: resolved.decl.fields } : undefined;
  }

  /**
   * The module-level value a reference path names (`jobs`, `JOBS.send`, `ns.handlers.add`),
   * following `const a = b` aliases and imports of relative modules.
   */
  resolveValue(file: string, path: readonly string[], depth = 0): ResolvedValue | undefined {
    if (depth > MAX_REFS || path.length === 0) return undefined;
    const facts = this.files.get(file);
    if (!facts) return undefined;
    const [head, ...rest] = path as [string, ...string[]];
    const local = getOwn(facts.values, head);
    if (local) return this.walk({ file, value: local }, rest, depth);
    const binding = getOwn(facts.imports, head);
    if (!binding) return undefined;
    const target = this.getTarget(file, binding);
    if (!target) return undefined;
    if (binding.imported === '*') {
      if (rest.length > 0) return this.resolveExport(target, rest[0]!, rest.slice(1), depth);
      // The namespace itself (`import * as jobs from './jobs'` given as a map of jobs): the module's values.
      return { file: target, value: { kind: 'object', frozen: true, props: { ...this.files.get(target)!.values } } };
    }
    return this.resolveExport(target, binding.imported, rest, depth);
  }

  /** A name resolved to its string, or undefined when it is dynamic or cannot be followed. */
  resolveName(file: string, name: NameRef): string | undefined {
    if ('value' in name) return name.value;
    const value = this.resolveValue(file, name.path);
    if (value) return value.value.kind === 'string' && this.isFrozenPath(file, name.path) ? value.value.value : undefined;
    // `X.name`: the name of a class of the project, or of one imported from a module that no longer declares it.
    if (name.path.length === 2 && name.path[1] === 'name') return this.getClassName(file, name.path[0]!);
    return undefined;
  }

  /** The class a local name refers to, by its declared name, including a class imported from a relative module that no longer declares it. */
  getClassName(file: string, localName: string): string | undefined {
    const target = this.resolveClass(file, localName);
    return 'cls' in target ? target.cls.name : this.getDeletedClassName(file, localName);
  }

  /**
   * The name of a class-like import (capitalized) from a relative module that, where loaded,
   * declares no value of that name: a class deleted while its importers remain. A default
   * import counts, under its local name, only when the whole module is gone.
   */
  getDeletedClassName(file: string, localName: string): string | undefined {
    const binding = getOwn(this.files.get(file)?.imports, localName);
    if (!binding || !isRelativeSpecifier(binding.source) || binding.imported === '*') return undefined;
    const target = getImportedFile(this.files, file, binding.source);
    if (binding.imported === 'default') return !target && /^[A-Z]/.test(localName) ? localName : undefined;
    if (!/^[A-Z]/.test(binding.imported)) return undefined;
    if (!target) return binding.imported;
    const facts = this.files.get(target)!;
    const local = getOwn(facts.exportAliases, binding.imported) ?? binding.imported;
    return getOwn(facts.values, local) === undefined && !facts.classes.some((cls) => cls.name === local) ? binding.imported : undefined;
  }

  /** A function a registry names: inline, or a module-level function (or object's method) by reference. */
  resolveFunction(file: string, path: readonly string[]): { file: string; fn: HandlerFact } | undefined {
    const resolved = this.resolveValue(file, path);
    return resolved?.value.kind === 'function' ? { file: resolved.file, fn: resolved.value.fn } : undefined;
  }

  /** Follows a value that is a reference to another value, until it is not. */
  deref(resolved: ResolvedValue, depth = 0): ResolvedValue | undefined {
    if (resolved.value.kind !== 'ref') return resolved;
    if (depth > MAX_REFS) return undefined;
    const next = this.resolveValue(resolved.file, resolved.value.path, depth + 1);
    return next ? this.deref(next, depth + 1) : undefined;
  }

  private resolveExport(target: string, exported: string, rest: string[], depth: number): ResolvedValue | undefined {
    const facts = this.files.get(target)!;
    const local = getOwn(facts.exportAliases, exported) ?? exported;
    const value = getOwn(facts.values, local);
    return value ? this.walk({ file: target, value }, rest, depth) : undefined;
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
      if (resolved?.value.kind !== 'object' || !resolved.value.frozen) return false;
    }
    return true;
  }

  private getTarget(file: string, binding: ImportBinding): string | undefined {
    const target = getImportedFile(this.files, file, binding.source);
    if (!target && this.onMissing && isRelativeSpecifier(binding.source)) this.onMissing(file, binding.source);
    return target;
  }

  private findExportedClass(file: string, exported: string): ResolvedClass | undefined {
    const facts = this.files.get(file)!;
    if (exported === 'default') {
      const cls = facts.classes.find((candidate) => candidate.isDefaultExport);
      if (cls) return { file, cls };
    }
    const name = getOwn(facts.exportAliases, exported) ?? exported;
    const cls = facts.classes.find((candidate) => candidate.name === name);
    return cls ? { file, cls } : undefined;
  }
}
