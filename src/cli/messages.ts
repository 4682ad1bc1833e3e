import { getCheck } from '../compare/index.js';
import type { Finding } from '../model/finding.js';

/** A finding's message as ESLint prints it: the template its rule reports, filled with the finding's data. */
export function formatMessage(finding: Finding): string {
  const messages: Readonly<Record<string, string>> | undefined = getCheck(finding.rule)?.messages;
  const template = messages?.[finding.messageId] ?? finding.messageId;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, key: string) => finding.data[key] ?? match);
}

export function describeDirection(finding: Pick<Finding, 'direction'>): string {
  return finding.direction === 'old-payload-to-new-worker' ? 'old payload → new worker' : 'new payload → old worker';
}
