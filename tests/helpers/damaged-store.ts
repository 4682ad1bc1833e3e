import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_FOLDER } from '../../src/project/facts-store.js';

/**
 * Damages every entry of a project's facts store so that it still passes the store's shape
 * check but makes the analysis throw (a kind's facts whose list is a number): a stand-in for
 * any internal error of the plugin, reached through its real code path.
 */
export function damageFactsStore(root: string): void {
  const folder = join(root, CACHE_FOLDER);
  for (const name of readdirSync(folder).filter((file) => file.startsWith('facts-'))) {
    const store = JSON.parse(readFileSync(join(folder, name), 'utf8')) as { entries: Record<string, { kinds?: unknown }> };
    for (const facts of Object.values(store.entries)) facts.kinds = { 'queue-worker': { processors: 5 } };
    writeFileSync(join(folder, name), JSON.stringify(store));
  }
  // The working tree's kept contracts would spare the next process the facts: it reads them instead.
  for (const name of readdirSync(folder).filter((file) => file.startsWith('worktree-'))) rmSync(join(folder, name));
}
