import type { JobContract } from '../model/contract.js';
import type { TextEdit } from '../model/facts.js';

/**
 * The alias that keeps a renamed job's old wire name handled: for a class job, a subclass
 * under the old name right after the new class. Undefined where the adapter knows no alias form.
 */
export function getAliasEdit(current: JobContract, oldName: string): TextEdit | undefined {
  const anchor = current.aliasAnchor;
  if (!anchor || !/^[A-Za-z_$][\w$]*$/.test(oldName)) return undefined;
  const comment = `/** @deprecated Renamed to ${anchor.className}; remove once no deployed code enqueues ${oldName}. */`;
  const declaration = `${anchor.exported ? 'export ' : ''}class ${oldName} extends ${anchor.className} {}`;
  return { range: [anchor.offset, anchor.offset], text: `\n\n${comment}\n${declaration}` };
}
