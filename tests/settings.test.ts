import { describe, expect, it } from 'vitest';
import { readSettings } from '../src/settings.js';

describe('settings', () => {
  it('has defaults that work untouched', () => {
    const result = readSettings({}, {});
    expect(result).toMatchObject({ settings: { baselineOrigin: 'default', pattern: { handlerMethods: ['perform'], queueProperty: 'queue' } } });
    expect('settings' in result && result.settings.baseline).toBeUndefined();
  });

  it('lets SAFE_JOBS_BASELINE override the configured baseline', () => {
    expect(readSettings({ 'safe-jobs': { baseline: 'origin/main' } }, { SAFE_JOBS_BASELINE: 'v2' })).toMatchObject({
      settings: { baseline: ['v2'], baselineOrigin: 'environment' },
    });
  });

  it('takes several baselines: a list, a tag window, or SAFE_JOBS_BASELINE separated by commas', () => {
    expect(readSettings({ 'safe-jobs': { baseline: ['v1.3', 'snapshots/v1.2.json'] } }, {})).toMatchObject({ settings: { baseline: ['v1.3', 'snapshots/v1.2.json'], baselineOrigin: 'settings' } });
    expect(readSettings({ 'safe-jobs': { baseline: { tags: 'deploy-*', days: 14 } } }, {})).toMatchObject({ settings: { baseline: [{ tags: 'deploy-*', days: 14 }] } });
    expect(readSettings({ 'safe-jobs': { baseline: 'main' } }, { SAFE_JOBS_BASELINE: ' v1.3, v1.4 ,' })).toMatchObject({ settings: { baseline: ['v1.3', 'v1.4'] } });
    // A variable that names nothing overrides nothing.
    expect(readSettings({ 'safe-jobs': { baseline: { tags: 'deploy-*', days: 7 } } }, { SAFE_JOBS_BASELINE: ' , ' })).toMatchObject({
      settings: { baseline: [{ tags: 'deploy-*', days: 7 }], baselineOrigin: 'settings' },
    });
  });

  it.each([
    [{ baseline: 3 }, /settings\['safe-jobs'\]\.baseline: /],
    [{ baseline: [] }, /settings\['safe-jobs'\]\.baseline: /],
    [{ baseline: { tags: 'deploy-*' } }, /a tag window needs `days` or `last`/],
    [{ baseline: { tags: 'deploy-*', last: 0 } }, /settings\['safe-jobs'\]\.baseline/],
    [{ handlerMethods: [] }, /settings\['safe-jobs'\]\.handlerMethods: /],
    [{ enqueueMethods: ['perform later'] }, /enqueueMethods\.0: must be an identifier/],
    [{ baseClass: ['X'] }, /settings\['safe-jobs'\]\.baseClass is not a setting; did you mean baseClasses\?/],
  ])('explains a bad value %j', (value, message) => {
    const result = readSettings({ 'safe-jobs': value }, {});
    expect('error' in result && result.error).toMatch(message);
  });
});
