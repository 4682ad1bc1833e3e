import type { ContractSet, DispatcherContract } from '../model/contract.js';
import type { Finding } from '../model/finding.js';
import type { CheckDescriptor, MessageIdOf } from './descriptor.js';
import { makeFinding } from './findings.js';

export const SILENT_UNKNOWN_JOB = {
  id: 'no-silent-unknown-job',
  needsBaseline: false,
  direction: 'old-payload-to-new-worker',
  messages: {
    silentSwitch:
      "{{processor}} switches on job.name without a throwing default: a job of any name but {{names}} completes without running. Add `default: throw new Error(`Unknown job ${job.name}`)`: such a job (deleted, renamed, or sent by code deployed ahead of these workers) then fails and can be retried.",
    silentIf:
      "{{processor}} tests job.name in an if chain with no final throw: a job of any name but {{names}} completes without running. End the chain with `throw new Error(`Unknown job ${job.name}`)`: such a job (deleted, renamed, or sent by code deployed ahead of these workers) then fails and can be retried.",
    silentMap:
      "{{processor}} finds its handler by job.name and ignores a miss: a job of any name but {{names}} completes without running. Throw when no handler is found (`if (!handler) throw new Error(`Unknown job ${job.name}`)`): such a job then fails and can be retried.",
  },
  run: checkSilentUnknownJobs,
} as const satisfies CheckDescriptor;

const MAX_LISTED_NAMES = 4;

/**
 * Processors that dispatch on the job's name and let any other name reach their end: such a
 * job (a deleted or renamed one still queued, or one that newer code enqueues before these
 * workers know it) is marked completed without running, and nothing reports it.
 */
function checkSilentUnknownJobs(current: ContractSet): Finding[] {
  return (current.dispatchers ?? [])
    .filter((dispatcher) => dispatcher.unknown === 'silent')
    .map((dispatcher) =>
      makeFinding(SILENT_UNKNOWN_JOB, {
        messageId: getMessageId(dispatcher),
        job: dispatcher.queue ?? '',
        at: dispatcher.location,
        data: { processor: getProcessorName(dispatcher), names: formatNames(dispatcher.names) },
      }),
    );
}

function getMessageId(dispatcher: DispatcherContract): MessageIdOf<typeof SILENT_UNKNOWN_JOB> {
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
