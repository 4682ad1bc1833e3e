/**
 * The disk state of the files a version's contracts were built from, so that a long-lived
 * process (an editor's ESLint server) sees a job file changed or deleted on disk without git's
 * index moving. Each check `lstat`s the next SLICE files in turn, at most every
 * CHECK_INTERVAL_MS: a keystroke pays a fraction of a millisecond whatever the project's size,
 * and the whole set is swept in a few seconds of editing (about 4 s for 3,000 files).
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';

const CHECK_INTERVAL_MS = 250;
const SLICE = 200;

export class DiskStamps {
  private readonly stamps = new Map<string, string | undefined>();
  private order: string[] = [];
  private next = 0;
  private checkedAt = 0;

  constructor(private readonly root: string) {}

  /** Starts over with these paths, as the disk holds them now. */
  reset(paths: Iterable<string>, now = Date.now()): void {
    this.stamps.clear();
    this.order = [];
    this.next = 0;
    this.recordNew(paths);
    this.checkedAt = now;
  }

  /** Records what the disk holds now for the paths not recorded yet. */
  recordNew(paths: Iterable<string>): void {
    for (const path of paths) {
      if (this.stamps.has(path)) continue;
      this.stamps.set(path, this.read(path));
      this.order.push(path);
    }
  }

  /** Of the next slice of recorded paths, those whose file changed or went away since recorded. */
  getChanged(now = Date.now()): string[] {
    if (now - this.checkedAt < CHECK_INTERVAL_MS || this.order.length === 0) return [];
    this.checkedAt = now;
    const changed: string[] = [];
    const count = Math.min(SLICE, this.order.length);
    for (let index = 0; index < count; index++) {
      const path = this.order[(this.next + index) % this.order.length]!;
      const current = this.read(path);
      if (current !== this.stamps.get(path)) {
        changed.push(path);
        this.stamps.set(path, current);
      }
    }
    this.next = (this.next + count) % this.order.length;
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
