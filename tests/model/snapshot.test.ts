import { describe, expect, it } from 'vitest';
import { parseSnapshot, serializeSnapshot, SNAPSHOT_FORMAT } from '../../src/model/snapshot.js';
import { buildContracts } from '../helpers/fixture-project.js';
import { jobsByName } from '../helpers/contracts.js';

const set = buildContracts({
  'jobs/a.ts': 'export class AJob extends BaseJob { perform(id: number, date: string) {} }\nAJob.performLater(1);\n',
});

describe('snapshots', () => {
  it('round-trips a contract set, without fix edits', () => {
    const text = serializeSnapshot(set, { revision: 'v1', commit: 'abc' });
    expect(text).not.toContain('makeOptional');
    const parsed = parseSnapshot(text, 'deployed.json');
    expect(parsed.source).toEqual({ revision: 'v1', commit: 'abc' });
    expect([...jobsByName(parsed.set).keys()]).toEqual(['AJob']);
    expect(jobsByName(parsed.set).get('AJob')!.params.map((p) => p.name)).toEqual(['id', 'date']);
    expect(parsed.set.sites).toHaveLength(1);
  });

  const valid = JSON.parse(serializeSnapshot(set, {}));

  it.each([
    ['not JSON', '{"jobs": [', /is not valid JSON/],
    ['truncated', serializeSnapshot(set, {}).slice(0, 80), /is not valid JSON/],
    ['another format', JSON.stringify({ ...valid, format: 'x' }), /format .*Write it again/],
    ['a newer version', JSON.stringify({ ...valid, version: 99 }), /format version 99, newer than this plugin reads \(1\)\. Upgrade/],
    ['a path outside the repository', JSON.stringify({ ...valid, sites: [{ ...valid.sites[0], location: { ...valid.sites[0].location, file: '../../etc/passwd' } }] }), /sites\.0\.location\.file must be a path relative to the repository/],
    ['holding a type shape of no known form', JSON.stringify({ ...valid, jobs: [{ ...valid.jobs[0], params: [{ ...valid.jobs[0].params[0], shape: { k: 'union', of: 5 } }] }] }), /jobs\.0\.params\.0\.shape/],
    ['an absolute path', JSON.stringify({ ...valid, jobs: [{ ...valid.jobs[0], location: { ...valid.jobs[0].location, file: '/etc/passwd' } }] }), /must be a path relative/],
  ])('refuses a snapshot that is %s with one clear message', (_, text, message) => {
    expect(() => parseSnapshot(text, 'deployed.json')).toThrow(message);
  });

  it('records each contract\'s framework, and gives one to contracts of a snapshot written before frameworks were recorded', () => {
    const queued = buildContracts({
      'package.json': JSON.stringify({ dependencies: { bullmq: '6.7.0' } }),
      'src/worker.ts': "import { Worker } from 'bullmq';\nnew Worker('email', async (job: { data: { to: string } }) => {});\n",
      'src/send.ts': "import { Queue } from 'bullmq';\nconst queue = new Queue('email');\nqueue.add('send', { to: 'a' });\n",
    });
    const written = JSON.parse(serializeSnapshot(queued, {}));
    expect([written.jobs[0].framework, written.sites[0].framework]).toEqual(['bullmq', 'bullmq']);
    const strip = ({ framework: _framework, ...contract }: { framework: string }) => contract;
    const old = JSON.stringify({ ...written, jobs: written.jobs.map(strip), sites: written.sites.map(strip) });
    const parsed = parseSnapshot(old, 'old.json', (adapter) => (adapter === 'bullmq' ? 'bullmq' : undefined)).set;
    expect([...parsed.jobs.keys()]).toEqual([...queued.jobs.keys()]);
    expect(parsed.sites.map((site) => site.framework)).toEqual(['bullmq']);
    // A class job of the ActiveJob-style base class belongs to no framework: its key is its name.
    expect(valid.jobs[0].framework).toBeUndefined();
  });

  it('names its format', () => {
    expect(valid.format).toBe(SNAPSHOT_FORMAT);
  });
});
