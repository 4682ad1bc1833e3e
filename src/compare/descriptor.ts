/**
 * A check is the findings of one ESLint rule. Its descriptor holds everything that names
 * them: the rule name, the message texts, whether it needs a baseline and how it runs. The
 * rule, the comparison and the command line all read it, so they cannot drift apart.
 *
 * Descriptors are declared `{ ... } as const satisfies CheckDescriptor`: `satisfies` checks
 * the shape, `as const` keeps the id and the message ids literal, so a rule's MessageIds and
 * the plugin's rule names are derived from them, and a finding cannot carry an undeclared id.
 */
import type { ContractSet } from '../model/contract.js';
import type { Direction, Finding } from '../model/finding.js';
import type { Comparison } from './context.js';

interface CheckIdentity<MessageIds extends string> {
  /** The ESLint rule (without the plugin prefix) that reports the findings. */
  readonly id: string;
  /** Message templates by message id, filled with a finding's data (`{{job}}`). */
  readonly messages: Readonly<Record<MessageIds, string>>;
  /** The side of the deploy that breaks, where every finding of the check shares it. */
  readonly direction?: Direction;
}

/**
 * Whether a check needs a baseline decides what it reads, so the flag cannot disagree with
 * the code: a check that compares versions gets the comparison, one that needs no baseline
 * gets the current contracts alone.
 */
export type CheckDescriptor<MessageIds extends string = string> = CheckIdentity<MessageIds> &
  (
    | { readonly needsBaseline: true; readonly run: (comparison: Comparison) => Finding[] }
    | { readonly needsBaseline: false; readonly run: (current: ContractSet) => Finding[] }
  );

/** The message ids a check declares: the only ones its findings may carry. */
export type MessageIdOf<Check extends CheckDescriptor> = keyof Check['messages'] & string;
