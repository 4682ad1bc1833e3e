import { describe, expect, it } from 'vitest';
import { checkCurrentContracts } from '../../src/compare/index.js';
import { isUnserializableAllowed } from '../../src/compare/unserializable.js';
import { buildContracts } from '../helpers/fixture-project.js';

const PACKAGE = JSON.stringify({ name: 'app', private: true, dependencies: { bullmq: '5.0.0' } });

const findingsOf = (files: Record<string, string>) =>
  checkCurrentContracts(buildContracts({ 'package.json': PACKAGE, ...files })).filter((finding) => finding.rule === 'no-unserializable-payload');

describe('no-unserializable-payload, the check', () => {
  it('reports a payload type shared by two jobs once, for the job whose handler uses the Date as one', () => {
    const findings = findingsOf({
      'src/types.ts': 'export interface Envelope {\n  id: string;\n  timestamp: Date;\n}\n',
      'src/workers.ts': [
        "import { Worker, type Job } from 'bullmq';",
        "import type { Envelope } from './types';",
        "new Worker('archive', async (job: Job<Envelope>) => save(job.data.timestamp));",
        "new Worker('billing', async (job: Job<Envelope>) => job.data.timestamp.getTime());",
        '',
      ].join('\n'),
    });
    expect(findings.map((finding) => [finding.job, finding.file, finding.span.start.line, finding.data.dateUsed])).toEqual([['billing', 'src/types.ts', 3, 'true']]);
    expect(isUnserializableAllowed(findings[0]!, {})).toBe(false);
  });

  it('keeps a Date no handler uses as one for the option that asks for every Date', () => {
    const [finding] = findingsOf({ 'src/worker.ts': "import { Worker, type Job } from 'bullmq';\nnew Worker('archive', async (job: Job<{ at: Date }>) => save(job.data.at));\n" });
    expect(finding!.data).toMatchObject({ member: 'at', typeName: 'Date', dateUsed: 'false' });
    expect(isUnserializableAllowed(finding!, {})).toBe(true);
    expect(isUnserializableAllowed(finding!, { dates: 'all' })).toBe(false);
    expect(isUnserializableAllowed(finding!, { dates: 'all', allow: ['Date'] })).toBe(true);
  });

  it('reads values sent into a record of unknown values, and leaves typed members to the type checker', () => {
    const worker = "import { Worker, type Job } from 'bullmq';\nnew Worker('audit', async (job: Job<{ meta: Record<string, unknown>; tags: string[] }>) => job.data);\n";
    const enqueue = "import { Queue } from 'bullmq';\nconst audit = new Queue('audit');\nexport const log = () => audit.add('audit', { meta: { seen: new Set() }, tags: new Set() });\n";
    expect(findingsOf({ 'src/worker.ts': worker, 'src/enqueue.ts': enqueue }).map((finding) => finding.data.member)).toEqual(['meta.seen']);
  });
});
