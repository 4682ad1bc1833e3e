import { join } from 'node:path';
import { isPrematureEnqueueAllowed, PREMATURE_ENQUEUE, type PrematureEnqueueOptions } from '../compare/job-changes.js';
import { isUnserializableAllowed, UNSERIALIZABLE_PAYLOAD, type UnserializablePayloadOptions } from '../compare/unserializable.js';
import type { Finding } from '../model/finding.js';
import { Engine } from '../engine/engine.js';
import { locateProject } from '../project/locate.js';
import { type EnqueueSite, isSameJob, type JobContract } from '../model/contract.js';
import type { SafeJobsSettings } from '../settings.js';
import type { CliConfig } from './config.js';
import { type CheckReport, sortFindings, toReportedFinding } from './report.js';

export class BaselineProblem extends Error {}

/** Every finding of the project against the baseline, at the levels the configuration gives. */
export function runCheck(cwd: string, settings: SafeJobsSettings, config: CliConfig): CheckReport {
  const engine = new Engine(locateProject(join(cwd, 'package.json'), cwd), settings);
  const analysis = engine.analyzeProject();
  if ('problem' in analysis) throw new BaselineProblem(analysis.problem);
  const findings = analysis.findings.flatMap((finding) => {
    const severity = config.severities[finding.rule] ?? 'error';
    if (severity === 'off' || isAllowedByOptions(finding, config)) return [];
    return [toReportedFinding(finding, severity)];
  });
  const report: CheckReport = { baseline: analysis.baselineLabel, findings: sortFindings(findings), jobCount: analysis.current.jobs.size, root: engine.location.root };
  if (analysis.previousUnreadable && config.severities['require-baseline'] !== 'off') {
    // A file neither version can read (a bundled release over the size limit) hides nothing this change made: not listed.
    const unread = [...analysis.previousUnreadable].filter(([file]) => !analysis.current.unreadable?.has(file));
    if (unread.length > 0) report.unreadableInBaseline = unread.map(([file, reason]) => ({ file, reason })).sort((a, b) => a.file.localeCompare(b.file));
  }
  return report;
}

/** Whether the rule's own options (as the ESLint config gives them) leave a finding out, as the rule does. */
function isAllowedByOptions(finding: Finding, config: CliConfig): boolean {
  const options = config.options[finding.rule]?.[0] ?? {};
  if (finding.rule === PREMATURE_ENQUEUE.id) return isPrematureEnqueueAllowed(finding, options as PrematureEnqueueOptions);
  if (finding.rule === UNSERIALIZABLE_PAYLOAD.id) return isUnserializableAllowed(finding, options as UnserializablePayloadOptions);
  return false;
}

/** The jobs the plugin detects, by wire name, each with its enqueue sites. */
function getListedJobs(cwd: string, settings: SafeJobsSettings): { jobs: JobContract[]; sites: EnqueueSite[] } {
  const engine = new Engine(locateProject(join(cwd, 'package.json'), cwd), settings);
  const { current } = engine.analyzeProject();
  return { jobs: [...current.jobs.values()].sort((a, b) => a.wireName.localeCompare(b.wireName)), sites: current.sites };
}

/** `list --format json`: the same as the text list, for scripts. */
export function runListJson(cwd: string, settings: SafeJobsSettings): string {
  const { jobs, sites } = getListedJobs(cwd, settings);
  const listed = jobs.map((job) => ({
    wireName: job.wireName,
    queue: job.queue ?? null,
    adapter: job.adapter,
    file: job.location.file,
    line: job.location.span.start.line,
    handler: job.handler,
    style: job.style,
    membersUnknown: job.membersUnknown ?? false,
    members: (job.style === 'payload' ? job.fields : job.params).map((member) => ({ name: member.name, optionality: member.optionality, type: member.type ?? null })),
    sites: sites
      .filter((site) => isSameJob(site, job))
      .map((site) => ({ file: site.location.file, line: site.location.span.start.line, method: site.method, arguments: site.args.count })),
  }));
  return `${JSON.stringify({ jobs: listed }, null, 2)}\n`;
}

/** Every job the plugin detects, with its signature and enqueue sites: the first thing to run when a job is missed. */
export function runList(cwd: string, settings: SafeJobsSettings): string {
  const { jobs, sites: allSites } = getListedJobs(cwd, settings);
  if (jobs.length === 0) return 'No jobs found. See the "What is a job" section of the README, and settings[\'safe-jobs\'].\n';
  const lines: string[] = [];
  for (const job of jobs) {
    const members = (job.style === 'payload' ? job.fields : job.params).map((member) => {
      const mark = member.optionality === 'required' ? '' : member.optionality === 'rest' ? '...' : '?';
      const name = member.optionality === 'rest' ? `...${member.name}` : `${member.name}${mark}`;
      return member.type ? `${name}: ${member.type}` : name;
    });
    const payload = members.length === 0 ? '{}' : `{ ${members.join('; ')} }`;
    const signature = job.style !== 'payload' ? `${job.handler}(${members.join(', ')})` : job.membersUnknown ? `${job.handler}(…)  (its payload cannot be read: the fields are unknown, never compared)` : `${job.handler}(${payload})`;
    lines.push(`${job.wireName}  queue: ${job.queue ?? '(default)'}  ${job.location.file}:${job.location.span.start.line}`, `  ${signature}`);
    const sites = allSites.filter((site) => isSameJob(site, job));
    for (const site of sites) lines.push(`  enqueued at ${site.location.file}:${site.location.span.start.line} (${site.method}, ${site.args.count} argument(s))`);
    if (sites.length === 0) lines.push('  not enqueued anywhere');
  }
  return `${lines.join('\n')}\n`;
}
