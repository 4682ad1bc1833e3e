import { posix } from 'node:path';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * The repository-relative paths a relative import may point at, in the order TypeScript's
 * resolution tries them. Paths that leave the repository are dropped.
 */
export function getModuleCandidates(fromFile: string, specifier: string): string[] {
  if (!isRelativeSpecifier(specifier)) return [];
  const base = posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  if (base.startsWith('../') || base === '..') return [];
  const extension = posix.extname(base);
  const candidates: string[] = [];
  if (SOURCE_EXTENSIONS.includes(extension)) {
    const stem = base.slice(0, -extension.length);
    for (const replacement of JS_TO_TS[extension] ?? []) candidates.push(stem + replacement);
    candidates.push(base);
  } else {
    for (const ext of SOURCE_EXTENSIONS) candidates.push(base + ext);
  }
  for (const ext of SOURCE_EXTENSIONS) candidates.push(`${base}/index${ext}`);
  return candidates;
}

/** The loaded file an import of `specifier` from `fromFile` reaches, if any. */
export function getImportedFile(files: ReadonlyMap<string, unknown>, fromFile: string, specifier: string): string | undefined {
  return getModuleCandidates(fromFile, specifier).find((candidate) => files.has(candidate));
}
