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

/** The package an import names: `@acme/shared/src/x` → `@acme/shared`, `lodash/fp` → `lodash`; undefined for a path. */
export function getPackageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  if (specifier.startsWith('@')) return parts.length >= 2 && parts[1] !== '' ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0] || undefined;
}
