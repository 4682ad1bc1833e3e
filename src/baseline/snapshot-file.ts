/**
 * The snapshot file a `baseline` setting names, read as safely as a repository's own settings
 * allow: only a regular file inside the repository (after resolving symbolic links, so a
 * committed `deployed.json -> /dev/zero` or `-> ~/.ssh/...` reads nothing), of bounded size.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { isInside, type ProjectLocation } from '../project/locate.js';

/** Far above the contracts of any project; a file this large is not a snapshot. */
export const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export type SnapshotRead = { text: string; path: string; stamp: string } | { problem: string };

export function readSnapshotFile(configured: string, location: ProjectLocation): SnapshotRead {
  const requested = isAbsolute(configured) ? configured : resolve(location.cwd, configured);
  let path: string;
  try {
    path = realpathSync(requested);
  } catch {
    return {
      problem: `the baseline snapshot ${configured} does not exist. Write it with \`safe-jobs snapshot -o ${configured}\` on the deployed revision, or set \`baseline\` to a git revision.`,
    };
  }
  if (!isInside(realpathSync(location.root), path)) {
    return { problem: `the baseline snapshot ${configured} was refused: it is outside the repository (${location.root}), or a link to outside it. Keep the snapshot in the repository.` };
  }
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: `the baseline snapshot ${configured} was refused: it is not a regular file.` };
    if (stat.size > MAX_SNAPSHOT_BYTES) return { problem: `the baseline snapshot ${configured} was refused: it is larger than ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MiB.` };
    // Read at most the size fstat gave (plus one byte to see a file that grew meanwhile).
    const buffer = Buffer.alloc(stat.size + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > stat.size) return { problem: `the baseline snapshot ${configured} changed while it was read; run the lint again.` };
    return { text: buffer.toString('utf8', 0, length), path, stamp: `${stat.mtimeMs}:${stat.size}` };
  } finally {
    closeSync(fd);
  }
}
