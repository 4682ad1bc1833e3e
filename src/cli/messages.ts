import type { Finding } from '../model/finding.js';
import { rules } from '../rules/index.js';

type RuleName = keyof typeof rules;

/** A finding's message as ESLint prints it: the rule's own template, filled with the finding's data. */
export function formatMessage(finding: Finding): string {
  const rule = rules[finding.rule as RuleName] as { meta: { messages: Record<string, string> } } | undefined;
  const template = rule?.meta.messages[finding.messageId] ?? finding.messageId;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, key: string) => finding.data[key] ?? match);
}

export function describeDirection(finding: Pick<Finding, 'direction'>): string {
  return finding.direction === 'old-payload-to-new-worker' ? 'old payload → new worker' : 'new payload → old worker';
}
