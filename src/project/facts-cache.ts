import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { JobPattern } from '../adapters/job-pattern.js';
import { type ParseOutcome, parseFileFacts } from '../adapters/parse-file.js';
import type { FileFacts } from '../model/facts.js';

/**
 * Facts of file contents already parsed in this process, keyed by a hash of the content,
 * the file kind and the job pattern: the same blob in the baseline and the working tree,
 * or a file linted again unchanged, is parsed once.
 */
export class FactsCache {
  private readonly outcomes = new Map<string, ParseOutcome>();

  constructor(readonly pattern: JobPattern, private readonly patternKey: string) {}

  getKey(path: string, text: string): string {
    return createHash('sha1').update(this.patternKey).update('\0').update(extname(path)).update('\0').update(text).digest('hex');
  }

  parse(key: string, path: string, text: string): ParseOutcome {
    let outcome = this.outcomes.get(key);
    if (!outcome) {
      outcome = parseFileFacts(path, text, this.pattern);
      this.outcomes.set(key, outcome);
    }
    return outcome;
  }

  /** Facts of content ESLint has already parsed: taken from its AST instead of parsing again. */
  remember(key: string, extract: () => FileFacts): FileFacts {
    const outcome = this.outcomes.get(key);
    if (outcome && 'facts' in outcome) return outcome.facts;
    const facts = extract();
    this.outcomes.set(key, { facts });
    return facts;
  }
}
