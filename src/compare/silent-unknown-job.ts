import type { ContractSet, DispatcherContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import { makeFinding } from './findings.js';

export const SILENT_UNKNOWN_JOB = 'no-silent-unknown-job';

const MAX_LISTED_NAMES = 4;

/**
 * Processors that dispatch on the job's name and let any other name reach their end: such a
 * job (a deleted or renamed one still queued, or one that newer code enqueues before these
 * workers know it) is marked completed without running, and nothing reports it.
 */
export function checkSilentUnknownJobs(current: ContractSet): Finding[] {
  return (current.dispatchers ?? [])
    .filter((dispatcher) => dispatcher.unknown === 'silent')
    .map((dispatcher) =>
      makeFinding({
        rule: SILENT_UNKNOWN_JOB,
        messageId: getMessageId(dispatcher),
        job: dispatcher.queue ?? '',
        direction: 'old-payload-to-new-worker',
        at: dispatcher.location,
        data: { processor: getProcessorName(dispatcher), names: formatNames(dispatcher.names) },
      }),
    );
}

function getMessageId(dispatcher: DispatcherContract): string {
  switch (dispatcher.kind) {
    case 'switch':
      return 'silentSwitch';
    case 'if':
      return 'silentIf';
    case 'map':
      return 'silentMap';
  }
}

function getProcessorName(dispatcher: DispatcherContract): string {
  return dispatcher.queue === undefined ? 'This processor' : `The processor of queue '${dispatcher.queue}'`;
}

function formatNames(names: string[]): string {
  if (names.length === 0) return 'no name known';
  const listed = names.slice(0, MAX_LISTED_NAMES).map((name) => `'${name}'`);
  const more = names.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more} more` : listed.join(', ');
}
