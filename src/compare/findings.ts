import { type EnqueueSite, formatLocation, getJobKey, type JobContract, type Location } from '../model/contract.js';
import type { Direction, Finding } from '../model/finding.js';
import type { TextEdit } from '../model/facts.js';
import type { CheckDescriptor, MessageIdOf } from './descriptor.js';

/** A check with one direction gives it to every finding; any other check names it in each one. */
type DirectionOption<Check extends CheckDescriptor> = Check extends { direction: Direction } ? { direction?: never } : { direction: Direction };

type FindingOptions<Check extends CheckDescriptor> = {
  messageId: MessageIdOf<Check>;
  job: JobContract | string;
  at: Location;
  data: Record<string, string>;
  fix?: TextEdit[];
} & DirectionOption<Check>;

/** A finding of a check at a place in the project, with the fields every check fills the same way. */
export function makeFinding<Check extends CheckDescriptor>(check: Check, options: FindingOptions<Check>): Finding {
  const job = typeof options.job === 'string' ? options.job : options.job.wireName;
  const finding: Finding = {
    rule: check.id,
    messageId: options.messageId,
    data: { job, ...options.data },
    job,
    direction: (check.direction ?? options.direction)!,
    file: options.at.file,
    span: options.at.span,
  };
  if (typeof options.job !== 'string') finding.jobKey = getJobKey(options.job);
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
