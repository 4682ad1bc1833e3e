import type { SourceSpan, TextEdit } from './facts.js';

/**
 * Which side of a rolling deploy breaks: jobs enqueued by the deployed version reaching
 * the new workers, or jobs enqueued by the new version reaching the old workers.
 */
export type Direction = 'old-payload-to-new-worker' | 'new-payload-to-old-worker';

export interface Finding {
  /** The ESLint rule (without the plugin prefix) that reports it. */
  rule: string;
  messageId: string;
  data: Record<string, string>;
  job: string;
  /** The job's key among its version's jobs (framework and wire name), where the finding is about a job of one. */
  jobKey?: string;
  direction: Direction;
  file: string;
  span: SourceSpan;
  /** With several baselines: the labels of those it breaks against (see compare/several-baselines.ts). */
  baselines?: string[];
  /** The transitional form as text edits in `file`; applied by the rule's autofix. */
  fix?: TextEdit[];
}
