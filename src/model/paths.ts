/** Which files the plugin reads, by path alone: shared by the parser, git listings and the checks. */
export const LINTABLE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'] as const;

export function isJavaScriptPath(path: string): boolean {
  return /\.(?:js|jsx|mjs|cjs)$/.test(path);
}

export function isLintablePath(path: string): boolean {
  return LINTABLE_EXTENSIONS.some((extension) => path.endsWith(extension)) && !path.endsWith('.d.ts');
}
