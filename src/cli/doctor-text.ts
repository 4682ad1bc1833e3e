/** The text output of `safe-jobs doctor`. */
import type { DoctorReport } from '../doctor/doctor.js';
import type { JobLike } from '../doctor/job-like.js';
import { toVisible } from './formats.js';

export function formatDoctorText(report: DoctorReport): string {
  const lines: string[] = ['What each adapter found:'];
  if (report.adapters.length === 0) lines.push('  nothing: no adapter found a job or an enqueue site.');
  for (const adapter of report.adapters) lines.push(`  ${toVisible(adapter.name)}: ${adapter.jobs} job(s), ${adapter.sites} enqueue site(s)`);
  lines.push('');
  if (report.unclaimed.length === 0) {
    lines.push('No job-like code is left unclaimed by the adapters.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('Job-like code no adapter claims:');
  for (const item of report.unclaimed) lines.push(`  ${toVisible(item.file)}:${item.line}  ${describe(item)}`);
  if (report.suggestion) {
    lines.push('', `Paste into settings['safe-jobs'] (eslint.config.js), or as the "safe-jobs" key of package.json, and check the guesses:`, '');
    lines.push(toJsonBlock(report.suggestion, ''));
  }
  return `${lines.join('\n')}\n`;
}

const ORDINALS = ['first argument', 'second argument', 'third argument', 'fourth argument'];

function describe(item: JobLike): string {
  switch (item.kind) {
    case 'definition':
      return `an object ${'type' in item.by ? `typed ${item.by.type}` : `passed to ${item.by.call}()`} with its name at '${item.name}' and its handler at '${item.handler}'`;
    case 'request':
      return `a call .${item.method}() whose ${ORDINALS[item.arg] ?? `argument ${item.arg + 1}`} names a job at '${item.nameKey}' with its payload at '${item.dataKey}' (nameArg ${item.arg})`;
    case 'topic-class':
      return `class ${item.className} gives ${item.base} its ${item.role === 'worker' ? 'queue' : 'target queue'} through super(...)`;
  }
}

/** JSON as a person would write the block: objects one key per line, arrays of plain values on one line. */
function toJsonBlock(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    return `[\n${value.map((item) => `${indent}  ${toJsonBlock(item, `${indent}  `)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.every(([, item]) => item === null || typeof item !== 'object') && entries.length <= 3) return `{ ${entries.map(([key, item]) => `${JSON.stringify(key)}: ${JSON.stringify(item)}`).join(', ')} }`;
    return `{\n${entries.map(([key, item]) => `${indent}  ${JSON.stringify(key)}: ${toJsonBlock(item, `${indent}  `)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
