import type { TagWindow } from '../settings.js';

export interface DeployTag {
  name: string;
  /** When the tag was made, in milliseconds: the deploy's time. */
  date: number;
}

/**
 * The deploys whose jobs may still be queued: a version ran from its tag until the next one,
 * so it is in a window of `days` when the deploy that replaced it came later than the window's
 * start. The newest tag is the version deployed now, always in. `last` keeps the newest K tags
 * too; with both, a tag either keeps is kept (a wider window checks more, never less).
 */
export function selectTagWindow(tags: readonly DeployTag[], window: TagWindow, now: number): DeployTag[] {
  const newestFirst = [...tags].sort((a, b) => b.date - a.date);
  const start = window.days === undefined ? Infinity : now - window.days * 86_400_000;
  return newestFirst.filter((_, index) => index === 0 || (window.last !== undefined && index < window.last) || newestFirst[index - 1]!.date >= start);
}
