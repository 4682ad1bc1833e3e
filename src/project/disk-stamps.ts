/**
 * The disk state of the files a version's contracts were built from, so that a long-lived
 * process (an editor's ESLint server) sees a job file changed or deleted on disk without git's
 * index moving: one `lstat` per loaded file, at most once per CHECK_INTERVAL_MS.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';

/** How long the disk is trusted between two checks: a few keystrokes at most. */
const CHECK_INTERVAL_MS = 1_000;

export class DiskStamps {
  private readonly stamps = new Map<string, string | undefined>();
  private checkedAt = 0;

  constructor(private readonly root: string) {}

  /** Starts over with these paths, as the disk holds them now. */
  reset(paths: Iterable<string>, now = Date.now()): void {
    this.stamps.clear();
    this.recordNew(paths);
    this.checkedAt = now;
  }

  /** Records what the disk holds now for the paths not recorded yet. */
  recordNew(paths: Iterable<string>): void {
    for (const path of paths) if (!this.stamps.has(path)) this.stamps.set(path, this.read(path));
  }

  /** The recorded paths whose file changed or went away since recorded; empty when checked less than CHECK_INTERVAL_MS ago. */
  getChanged(now = Date.now()): string[] {
    if (now - this.checkedAt < CHECK_INTERVAL_MS) return [];
    this.checkedAt = now;
    const changed: string[] = [];
    for (const [path, stamp] of this.stamps) {
      const current = this.read(path);
      if (current !== stamp) {
        changed.push(path);
        this.stamps.set(path, current);
      }
    }
    return changed;
  }

  private read(path: string): string | undefined {
    try {
      const stat = lstatSync(join(this.root, path));
      return stat.isFile() ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : undefined;
    } catch {
      return undefined;
    }
  }
}
