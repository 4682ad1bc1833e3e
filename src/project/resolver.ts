/**
 * Resolution of names across the files of one version of the project: which class a
 * superclass or enqueue callee names, which declaration a payload type names.
 */
import type { ClassFact, FileFacts, TypeDeclFact } from '../model/facts.js';
import { getImportedFile } from './module-paths.js';

export interface ResolvedClass {
  file: string;
  cls: ClassFact;
}

export type ClassRef = ResolvedClass | { external: string };

export class ProjectResolver {
  private readonly classesByName = new Map<string, ResolvedClass[]>();

  constructor(readonly files: ReadonlyMap<string, FileFacts>) {
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
    const binding = facts?.imports[localName];
    if (binding) {
      const target = getImportedFile(this.files, file, binding.source);
      const found = target ? this.findExportedClass(target, binding.imported) : undefined;
      if (found) return found;
    }
    const name = binding && binding.imported !== 'default' ? binding.imported : localName;
    const byName = this.classesByName.get(name);
    // Classes found only by name must be unambiguous, or the superclass chain would be a guess.
    if (byName?.length === 1) return byName[0]!;
    return { external: name };
  }

  resolveType(file: string, localName: string): { file: string; decl: TypeDeclFact } | undefined {
    const facts = this.files.get(file);
    const local = facts?.types.find((decl) => decl.name === localName);
    if (local) return { file, decl: local };
    const binding = facts?.imports[localName];
    if (!binding) return undefined;
    const target = getImportedFile(this.files, file, binding.source);
    if (!target) return undefined;
    const targetFacts = this.files.get(target)!;
    const exportedName = targetFacts.exportAliases[binding.imported] ?? binding.imported;
    const decl = targetFacts.types.find((candidate) => candidate.name === exportedName);
    return decl ? { file: target, decl } : undefined;
  }

  private findExportedClass(file: string, exported: string): ResolvedClass | undefined {
    const facts = this.files.get(file)!;
    if (exported === 'default') {
      const cls = facts.classes.find((candidate) => candidate.isDefaultExport);
      if (cls) return { file, cls };
    }
    const name = facts.exportAliases[exported] ?? exported;
    const cls = facts.classes.find((candidate) => candidate.name === name);
    return cls ? { file, cls } : undefined;
  }
}
