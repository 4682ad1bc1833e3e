import { type EnqueueSite, formatLocation, type JobContract, type Location } from '../model/contract.js';
import type { Direction, Finding } from '../model/finding.js';
import type { TextEdit } from '../model/facts.js';

/** A finding at a place in the project, with the fields every check fills the same way. */
export function makeFinding(options: {
  rule: string;
  messageId: string;
  job: JobContract | string;
  direction: Direction;
  at: Location;
  data: Record<string, string>;
  fix?: TextEdit[];
}): Finding {
  const job = typeof options.job === 'string' ? options.job : options.job.wireName;
  const finding: Finding = {
    rule: options.rule,
    messageId: options.messageId,
    data: { job, ...options.data },
    job,
    direction: options.direction,
    file: options.at.file,
    span: options.at.span,
  };
  if (options.fix && options.fix.length > 0) finding.fix = options.fix;
  return finding;
}

const MAX_LISTED_SITES = 3;

/** `app/a.ts:3, app/b.ts:9 and 4 more`: enough for a message, short enough to read. */
export function formatSites(sites: EnqueueSite[]): string {
  const listed = sites.slice(0, MAX_LISTED_SITES).map((site) => formatLocation(site.location));
  const more = sites.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}

export function getMemberKind(job: JobContract): string {
  return job.style === 'payload' ? 'payload field' : 'parameter';
}
