import type { ArgumentsFact, Member, SourceSpan } from './facts.js';

/** A place in the project: a repository-relative POSIX path and a span in it. */
export interface Location {
  file: string;
  span: SourceSpan;
}

export interface MemberContract extends Member {
  /** The file that declares the member (a payload type may live in another file). */
  file: string;
}

/** The wire contract of one job, as one version of the code defines it. */
export interface JobContract {
  wireName: string;
  queue?: string;
  location: Location;
  handler: string;
  /** 'positional' compares params; 'payload' compares the fields of the single object parameter. */
  style: 'positional' | 'payload';
  params: MemberContract[];
  fields: MemberContract[];
}

export interface EnqueueSite {
  wireName: string;
  method: string;
  args: ArgumentsFact;
  location: Location;
}

/** Every job and enqueue site of one version of the project. */
export interface ContractSet {
  jobs: Map<string, JobContract>;
  sites: EnqueueSite[];
}

export function getSitesOf(set: ContractSet, wireName: string): EnqueueSite[] {
  return set.sites.filter((site) => site.wireName === wireName);
}

export function formatLocation(location: Location): string {
  return `${location.file}:${location.span.start.line}`;
}
