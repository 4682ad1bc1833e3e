import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * Where the project of a linted file is, in both versions. The comparison always covers the
 * whole project, whatever ESLint's working directory: a job deleted in one package of a
 * monorepo and enqueued in another is one finding, from any folder.
 */
export interface ProjectLocation {
  /** Repository root (without git: the workspace root, or the package folder); paths are relative to it. */
  root: string;
  /** ESLint's working directory: relative snapshot paths start there. */
  cwd: string;
  isGit: boolean;
}

const rootByDirectory = new Map<string, { root: string; isGit: boolean }>();

/**
 * The repository (or, without git, the package folder) that holds a linted file. Found by
 * looking for `.git` upwards from the file, so no process is started per file.
 */
export function locateProject(filename: string, cwd: string): ProjectLocation {
  const found = findRoot(dirname(filename)) ?? { root: cwd, isGit: false };
  return { root: found.root, cwd, isGit: found.isGit };
}

function findRoot(start: string): { root: string; isGit: boolean } | undefined {
  const visited: string[] = [];
  let dir = start;
  let result: { root: string; isGit: boolean } | undefined;
  let packageRoot: string | undefined;
  for (;;) {
    const cached = rootByDirectory.get(dir);
    if (cached) {
      result = cached;
      break;
    }
    visited.push(dir);
    if (existsSync(join(dir, '.git'))) {
      result = { root: dir, isGit: true };
      break;
    }
    // Without git, the outermost workspace root above the file, or else its nearest package folder.
    if (isWorkspaceRoot(dir)) packageRoot = dir;
    else if (!packageRoot && existsSync(join(dir, 'package.json'))) packageRoot = dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  result ??= packageRoot ? { root: packageRoot, isGit: false } : undefined;
  // Folders above a package root may belong to another project: only those inside are cached.
  if (result) for (const path of visited) if (isInside(result.root, path)) rootByDirectory.set(path, result);
  return result;
}

/** A folder that declares workspaces: a pnpm-workspace.yaml, or a package.json with `workspaces`. */
function isWorkspaceRoot(dir: string): boolean {
  if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return true;
  try {
    const manifest: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return typeof manifest === 'object' && manifest !== null && 'workspaces' in manifest;
  } catch {
    return false;
  }
}

/** Whether `path` is `root` or lies below it. */
export function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot));
}

export function toProjectPath(location: ProjectLocation, filename: string): string | undefined {
  const path = relative(location.root, filename);
  if (path.startsWith('..') || path === '') return undefined;
  return path.split(sep).join('/');
}
