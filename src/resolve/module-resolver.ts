/**
 * Which file of one version an import reaches, as TypeScript resolves it: TypeScript's own
 * `resolveModuleName` over a virtual host made of that version's file list (the working tree's,
 * or a commit's tree), with the compiler options of the tsconfig.json nearest the importing
 * file (its `paths`, `baseUrl` and `extends` chain read from the same version). Workspace
 * packages are mounted under a virtual `node_modules`, from the version's own manifests, so
 * that a baseline read from git (which has no `node_modules`) resolves `@acme/shared` as the
 * working tree does; the real `node_modules` is never read, in either version.
 *
 * TypeScript was chosen over a native resolver (oxc-resolver, unrs-resolver) because it reads
 * files only through the host it is given, which is what a tree of git blobs needs, and because
 * it is already loaded by the parser: it adds no dependency and no start-up time.
 */
import ts from 'typescript';
import { posix } from 'node:path';
import { isLintablePath } from '../model/paths.js';
import { getWorkspacePackages, type ReadTexts, type WorkspacePackage } from './workspaces.js';
import { getModuleCandidates, getPackageName, isRelativeSpecifier } from './module-paths.js';

/**
 * Where an import leads: a source file of the version; a module of the project that is not
 * there (`missing`: a relative or aliased import of a deleted file); something of the project
 * that cannot be read as source (`unknown`: a declaration file, an unbuilt entry point); or a
 * package from outside the project (`external`).
 */
export type ModuleTarget = { file: string } | { missing: true } | { unknown: true } | { external: true };

const ROOT = '/__project__';
const NODE_MODULES = '/node_modules/';
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** Folders a package builds into: `dist/index.js` of an unbuilt package is found as `src/index.ts`. */
const OUTPUT_DIRS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs']);
const DECLARATION = /\.d\.[cm]?ts$/;
/** Extensions that are not modules of code: an import of a stylesheet or an image is not a deleted module. */
const SOURCE_LIKE = /\.(?:[cm]?[jt]sx?)$/;

/** Options where no tsconfig.json says otherwise: what bundlers and TypeScript's `bundler` mode accept. */
const DEFAULT_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  // `bundler` exists from TypeScript 5.0; the peer range starts at 4.8, whose closest mode is node10.
  moduleResolution: ts.ModuleResolutionKind.Bundler ?? ts.ModuleResolutionKind.NodeJs,
  allowJs: true,
};

export class ModuleResolver {
  private readonly paths: Set<string>;
  private dirs?: Set<string>;
  private workspace?: Map<string, WorkspacePackage>;
  private readonly texts = new Map<string, string | undefined>();
  private readonly configByDir = new Map<string, ProjectConfig>();
  private readonly results = new Map<string, ModuleTarget>();
  private readonly host: ts.ModuleResolutionHost & ts.ParseConfigHost;

  /**
   * @param paths every file of the version outside node_modules, repository-relative
   * @param read reads small configuration files of the version (package.json, tsconfig.json) in one batch
   */
  constructor(
    paths: Iterable<string>,
    private readonly read: ReadTexts,
  ) {
    this.paths = new Set(paths);
    this.host = {
      useCaseSensitiveFileNames: true,
      getCurrentDirectory: () => ROOT,
      fileExists: (path) => {
        const relative = this.toProjectPath(path);
        return relative !== undefined && this.paths.has(relative);
      },
      directoryExists: (path) => this.directoryExists(path),
      readFile: (path) => {
        const relative = this.toProjectPath(path);
        return relative !== undefined && this.paths.has(relative) ? this.readText(relative) : undefined;
      },
      realpath: (path) => this.mount(path),
      // Only the compiler options of a tsconfig are read, never its list of files.
      readDirectory: () => [],
    };
  }

  /** Adds a file the version has that its listing missed (a file created since, linted from the editor). */
  addPath(path: string): void {
    if (this.paths.has(path)) return;
    this.paths.add(path);
    this.dirs = undefined;
    this.results.clear();
  }

  resolve(fromFile: string, specifier: string): ModuleTarget {
    const config = this.getConfig(posix.dirname(fromFile));
    const key = `${config.path}\0${posix.dirname(fromFile)}\0${specifier}`;
    let result = this.results.get(key);
    if (!result) {
      result = this.resolveUncached(fromFile, specifier, config);
      this.results.set(key, result);
    }
    return result;
  }

  private resolveUncached(fromFile: string, specifier: string, config: ProjectConfig): ModuleTarget {
    if (specifier.startsWith('node:') || specifier === '') return { external: true };
    const resolved = ts.resolveModuleName(specifier, toAbsolute(fromFile), config.options, this.host).resolvedModule;
    const found = resolved && this.toProjectPath(resolved.resolvedFileName);
    const target = found === undefined ? undefined : this.toTarget(found);
    if (target && !('unknown' in target)) return target;
    const workspace = this.getWorkspaceEntry(specifier);
    if (workspace) return workspace;
    if (target) return target;
    // A relative import that the project's own mode rejects (extensionless under `nodenext`) still
    // names a file: found as a bundler would, rather than taken for a deleted module.
    const nearby = isRelativeSpecifier(specifier) ? getModuleCandidates(fromFile, specifier).find((candidate) => this.paths.has(candidate)) : undefined;
    if (nearby) return this.toTarget(nearby);
    const isProjectPath = isRelativeSpecifier(specifier) || specifier.startsWith('/') || matchesPaths(specifier, config.options.paths);
    if (!isProjectPath) return { external: true };
    // `./logo.svg`, `@/styles.css`: not code, so not a module a job could have lived in.
    const extension = posix.extname(specifier);
    return extension !== '' && !SOURCE_LIKE.test(extension) ? { external: true } : { missing: true };
  }

  /** A resolved file: source, or a declaration whose JavaScript sits beside it, or unknown. */
  private toTarget(path: string): ModuleTarget {
    if (path.split('/').includes('node_modules')) return { external: true };
    if (DECLARATION.test(path)) {
      const stem = path.replace(DECLARATION, '');
      const source = ['.js', '.mjs', '.cjs', '.jsx'].map((extension) => stem + extension).find((candidate) => this.paths.has(candidate));
      return source ? { file: source } : { unknown: true };
    }
    return isLintablePath(path) ? { file: path } : { external: true };
  }

  /**
   * A workspace package whose entry point TypeScript could not reach: usually one whose
   * `exports`, `main` or `types` name a build output that git does not hold (`dist/index.js`),
   * found as its source by the conventions monorepos follow (`src/index.ts`).
   */
  private getWorkspaceEntry(specifier: string): ModuleTarget | undefined {
    const name = getPackageName(specifier);
    const entry = name === undefined ? undefined : this.getWorkspace().get(name);
    if (!entry) return undefined;
    const subpath = specifier.slice(name!.length).replace(/^\//, '');
    for (const target of getEntryTargets(entry.manifest, subpath)) {
      for (const stem of getSourceStems(target)) {
        const found = getModuleCandidates(`${entry.dir}/package.json`, `./${stem}`).find((candidate) => this.paths.has(candidate));
        if (found) return this.toTarget(found);
      }
    }
    return { unknown: true };
  }

  private getConfig(dir: string): ProjectConfig {
    const cached = this.configByDir.get(dir);
    if (cached) return cached;
    // Every tsconfig.json of the version in one read, rather than one read (one git call) each.
    if (this.configByDir.size === 0) this.readTexts([...this.paths].filter((path) => CONFIG_NAMES.includes(posix.basename(path))));
    let config: ProjectConfig | undefined;
    const name = CONFIG_NAMES.map((file) => (dir === '.' || dir === '' ? file : `${dir}/${file}`)).find((path) => this.paths.has(path));
    if (name) config = { path: name, options: this.readConfig(name) };
    else if (dir === '.' || dir === '') config = { path: '', options: DEFAULT_OPTIONS };
    else config = this.getConfig(posix.dirname(dir));
    this.configByDir.set(dir, config);
    return config;
  }

  /** A tsconfig's compiler options, `extends` followed through the same host (workspace packages included). */
  private readConfig(path: string): ts.CompilerOptions {
    const absolute = toAbsolute(path);
    const read = ts.readConfigFile(absolute, (file) => this.host.readFile(file));
    if (read.error || typeof read.config !== 'object' || read.config === null) return DEFAULT_OPTIONS;
    try {
      const parsed = ts.parseJsonConfigFileContent(read.config, this.host, posix.dirname(absolute), undefined, absolute);
      // JavaScript files can hold jobs whatever `allowJs` says: they are followed too.
      return { ...parsed.options, allowJs: true };
    } catch {
      return DEFAULT_OPTIONS;
    }
  }

  private getWorkspace(): Map<string, WorkspacePackage> {
    this.workspace ??= getWorkspacePackages(this.paths, (paths) => this.readTexts(paths));
    return this.workspace;
  }

  private readText(path: string): string | undefined {
    if (!this.texts.has(path)) this.readTexts([path]);
    return this.texts.get(path);
  }

  /** Reads in one batch the files not read yet, and remembers absent ones too. */
  private readTexts(paths: string[]): Map<string, string> {
    const wanted = paths.filter((path) => !this.texts.has(path) && this.paths.has(path));
    if (wanted.length > 0) {
      const read = this.read(wanted);
      for (const path of wanted) this.texts.set(path, read.get(path));
    }
    const texts = new Map<string, string>();
    for (const path of paths) {
      const text = this.texts.get(path);
      if (text !== undefined) texts.set(path, text);
    }
    return texts;
  }

  private directoryExists(path: string): boolean {
    const mounted = this.mount(path);
    const relative = this.toProjectPath(mounted);
    if (relative === undefined) return false;
    // The virtual node_modules folders themselves, and a scope folder (`@acme`) in them.
    const tail = mounted.lastIndexOf(NODE_MODULES.slice(0, -1));
    if (tail >= 0 && /^\/node_modules(?:\/@[^/]+)?\/?$/.test(mounted.slice(tail))) return this.getWorkspace().size > 0;
    if (!this.dirs) {
      this.dirs = new Set(['']);
      for (const file of this.paths) for (let dir = posix.dirname(file); dir !== '.' && !this.dirs.has(dir); dir = posix.dirname(dir)) this.dirs.add(dir);
    }
    return this.dirs.has(relative);
  }

  /** A path under a virtual `node_modules/<workspace package>` as the package's own folder. */
  private mount(path: string): string {
    const index = path.lastIndexOf(NODE_MODULES);
    if (index < 0) return path;
    const rest = path.slice(index + NODE_MODULES.length);
    const name = getPackageName(rest);
    const entry = name === undefined ? undefined : this.getWorkspace().get(name);
    return entry ? toAbsolute(entry.dir) + rest.slice(name!.length) : path;
  }

  private toProjectPath(absolute: string): string | undefined {
    const path = this.mount(absolute);
    if (path === ROOT) return '';
    return path.startsWith(`${ROOT}/`) ? path.slice(ROOT.length + 1) : undefined;
  }
}

interface ProjectConfig {
  /** The tsconfig.json (or jsconfig.json) the options come from; '' for none. */
  path: string;
  options: ts.CompilerOptions;
}

function toAbsolute(path: string): string {
  return path === '' || path === '.' ? ROOT : `${ROOT}/${path}`;
}

function matchesPaths(specifier: string, paths: ts.MapLike<string[]> | undefined): boolean {
  if (!paths) return false;
  return Object.keys(paths).some((pattern) => {
    const star = pattern.indexOf('*');
    if (star < 0) return pattern === specifier;
    return specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1));
  });
}

/** The files a package.json names for a subpath: its `exports` (every condition), then `main`, `module`, `types`. */
function getEntryTargets(manifest: Record<string, unknown>, subpath: string): string[] {
  const targets: string[] = [];
  const key = subpath === '' ? '.' : `./${subpath}`;
  const exportsField = manifest.exports;
  if (typeof exportsField === 'string' && subpath === '') targets.push(exportsField);
  else if (typeof exportsField === 'object' && exportsField !== null) {
    const map = exportsField as Record<string, unknown>;
    const isConditions = Object.keys(map).every((entry) => !entry.startsWith('.'));
    if (isConditions && subpath === '') collectStrings(map, targets);
    else if (key in map) collectStrings(map[key], targets);
    else {
      for (const [pattern, value] of Object.entries(map)) {
        const star = pattern.indexOf('*');
        if (star < 0 || !key.startsWith(pattern.slice(0, star)) || !key.endsWith(pattern.slice(star + 1))) continue;
        const matched = key.slice(star, key.length - (pattern.length - star - 1));
        const found: string[] = [];
        collectStrings(value, found);
        targets.push(...found.map((target) => target.replace('*', matched)));
      }
    }
  }
  if (subpath === '') {
    for (const field of ['main', 'module', 'types', 'typings']) if (typeof manifest[field] === 'string') targets.push(manifest[field] as string);
    targets.push('src/index', 'index');
  } else {
    targets.push(subpath, `src/${subpath}`);
  }
  return targets;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) collectStrings(item, into);
}

/** `./dist/src/index.js` → `dist/src/index`, `src/index`; `./dist/index.d.ts` → `dist/index`, `index`, `src/index`. */
function getSourceStems(target: string): string[] {
  const stem = target.replace(/^\.\//, '').replace(DECLARATION, '').replace(/\.(?:[cm]?[jt]sx?)$/, '');
  if (stem.startsWith('../') || stem.startsWith('/')) return [];
  const stems = [stem];
  const [first, ...rest] = stem.split('/');
  if (first !== undefined && OUTPUT_DIRS.has(first) && rest.length > 0) {
    const inner = rest.join('/');
    stems.push(inner);
    if (!inner.startsWith('src/')) stems.push(`src/${inner}`);
  }
  return stems;
}

