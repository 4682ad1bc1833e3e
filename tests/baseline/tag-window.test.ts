import { describe, expect, it } from 'vitest';
import { selectTagWindow } from '../../src/baseline/tag-window.js';

const DAY = 86_400_000;
const NOW = 100 * DAY;
// Deploys 30, 10 and 2 days ago: deploy-1 ran until deploy-2 replaced it, 10 days ago.
const TAGS = [
  { name: 'deploy-2', date: NOW - 10 * DAY },
  { name: 'deploy-3', date: NOW - 2 * DAY },
  { name: 'deploy-1', date: NOW - 30 * DAY },
];
const names = (window: Parameters<typeof selectTagWindow>[1]) => selectTagWindow(TAGS, window, NOW).map((tag) => tag.name);

describe('the deploy-tag window', () => {
  it('keeps every version that ran within the days, newest first', () => {
    expect(names({ tags: 'deploy-*', days: 14 })).toEqual(['deploy-3', 'deploy-2', 'deploy-1']);
    expect(names({ tags: 'deploy-*', days: 7 })).toEqual(['deploy-3', 'deploy-2']);
  });

  it('always keeps the version deployed now, however old', () => {
    expect(names({ tags: 'deploy-*', days: 1 })).toEqual(['deploy-3']);
    expect(selectTagWindow([{ name: 'deploy-1', date: NOW - 300 * DAY }], { tags: 'deploy-*', days: 1 }, NOW).map((tag) => tag.name)).toEqual(['deploy-1']);
  });

  it('keeps the last K tags, and with days too whatever either keeps', () => {
    expect(names({ tags: 'deploy-*', last: 2 })).toEqual(['deploy-3', 'deploy-2']);
    expect(names({ tags: 'deploy-*', last: 1, days: 7 })).toEqual(['deploy-3', 'deploy-2']);
    expect(names({ tags: 'deploy-*', last: 3, days: 1 })).toEqual(['deploy-3', 'deploy-2', 'deploy-1']);
  });

  it('is empty without tags', () => {
    expect(selectTagWindow([], { tags: 'deploy-*', last: 2 }, NOW)).toEqual([]);
  });
});
