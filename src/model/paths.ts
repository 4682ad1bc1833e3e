/** Which files the plugin reads, by path alone: shared by the parser, git listings and the checks. */
export const LINTABLE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export function isJavaScriptPath(path: string): boolean {
  return /\.(?:js|jsx|mjs|cjs)$/.test(path);
}

export function isLintablePath(path: string): boolean {
  return LINTABLE_EXTENSIONS.some((extension) => path.endsWith(extension)) && !path.endsWith('.d.ts');
}

/**
 * Generated bundles and vendored blobs do not declare jobs, and parsing them costs time and
 * memory out of all proportion. The same limit holds in both versions: a file over it is never
 * read whole nor parsed, and is unknown there (never taken for a file without jobs).
 */
export const MAX_FILE_BYTES = 1024 * 1024;
