/**
 * The encoding cases: one version of an app that enqueues a value JSON does not keep, run by its
 * own workers (no deploy needed: every version breaks alike). serialization.test.ts checks the
 * verdicts and outcomes below on a real Redis, and that the rule's suggestion writes the second
 * stage's enqueue call; the rule page's run-time section is rendered from them.
 */
import type { AppVersion, Framework, Value } from './apps.js';

export interface SerializationStage {
  label: string;
  app: AppVersion;
  /** What the plugin reports on this version. */
  verdict: string[];
  /** What happens to the job when this version enqueues it and runs it. */
  outcome: string;
}

export interface SerializationCase {
  rules: string[];
  job: string;
  title: string;
  frameworks: Framework[];
  /** Each stage from the one before: the rule's suggestion at the enqueue call, and the hand edit of the handler it asks for. */
  stages: (framework: Framework) => SerializationStage[];
}

const sentAt = (code: string): Value => ({ $code: code });

/** `reminder(userId, sentAt)`: positional on node-resque, one payload on BullMQ; its effect is the time it was sent. */
function reminder(framework: Framework, parse: boolean, sent: string): AppVersion {
  const time = parse ? 'new Date(sentAt).getTime()' : 'sentAt.getTime()';
  const positional = framework !== 'bullmq';
  return {
    jobs: [{ name: 'reminder', params: positional ? 'userId, sentAt' : '{ userId, sentAt }', body: `return { userId, sentAt: ${time} };` }],
    enqueues: [{ name: 'reminder', args: positional ? [1, sentAt(sent)] : [{ userId: 1, sentAt: sentAt(sent) }], intent: { userId: 1, sentAt: 0 } }],
  };
}

export const SERIALIZATION_CASES: SerializationCase[] = [
  {
    rules: ['no-unserializable-payload'],
    job: 'reminder',
    title: 'a Date passed at the enqueue call, used as a Date by the handler',
    frameworks: ['bullmq', 'node-resque'],
    stages: (framework) => [
      { label: 'as written', app: reminder(framework, false, 'new Date(0)'), verdict: ['no-unserializable-payload'], outcome: 'failed: sentAt.getTime is not a function' },
      {
        label: "the rule's suggestion at the call (`new Date(0).toISOString()`), and the handler parses the string (`new Date(sentAt)`)",
        app: reminder(framework, true, 'new Date(0).toISOString()'),
        verdict: [],
        outcome: 'completed',
      },
    ],
  },
];
