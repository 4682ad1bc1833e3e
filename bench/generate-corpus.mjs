// Generates a deterministic synthetic TypeScript app in a git repository, for the benchmark.
//
//   node bench/generate-corpus.mjs <size> [--seed N] [--force]
//
// Version N (the baseline) is committed on `main`; the working tree then changes a few jobs
// the way the rules know (new required parameter, new optional parameter, new required payload
// field, a queue change, a parameter type change), so a lint of the working tree has a known
// number of findings.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const CORPUS_DIR = join(BENCH_DIR, '.corpus');
export const DEFAULT_SEED = 20240901;

// The marker changes with this file's content, so an edited generator never reuses a stale corpus.
const GENERATOR_HASH = createHash('sha1').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex').slice(0, 12);

const JOB_SHARE = 0.03;
const ENQUEUE_SHARE = 0.1;
const CORE_SHARE = 0.03;
const FILES_PER_AREA = 100;
/** Of the jobs with a payload, every this-many-th declares it in its own file (resolved by import). */
const IMPORTED_PAYLOAD_EVERY = 3;

const DOMAINS = ['billing', 'users', 'orders', 'catalog', 'shipping', 'reports', 'search', 'auth', 'notifications', 'inventory', 'payments', 'analytics', 'support', 'content', 'pricing', 'accounts'];
const WORDS = ['ledger', 'invoice', 'profile', 'session', 'cart', 'product', 'parcel', 'summary', 'index', 'token', 'message', 'stock', 'charge', 'event', 'ticket', 'article', 'quote', 'member', 'batch', 'record', 'policy', 'channel', 'region', 'coupon'];
const FIELD_TYPES = ['number', 'string', 'boolean', 'string[]', 'number | null', 'Date'];
const QUEUES = ['default', 'mailers', 'low', 'critical', 'reports'];

/** mulberry32: small, fast and the same on every platform. */
function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const pascal = (words) => words.map((word) => word[0].toUpperCase() + word.slice(1)).join('');

/** An import specifier as ESM TypeScript writes it: relative, with the `.js` extension. */
function specifier(from, to) {
  let path = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '.js');
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

// ---------------------------------------------------------------------------------------------
// The plan: which file is what, and who imports whom. Kept apart from the text so that the
// modifications of version N+1 can be described against it.

function planProject(size, random) {
  const jobCount = Math.max(6, Math.round(size * JOB_SHARE));
  const enqueueCount = Math.round(size * ENQUEUE_SHARE);
  const jobs = [];
  for (let index = 1; index <= jobCount; index++) {
    const style = random.chance(0.35) ? 'payload' : 'positional';
    const job = { index, name: `Job${index}`, path: `src/jobs/job-${index}.ts`, style, queue: random.pick(QUEUES) };
    const fieldCount = random.int(1, 4);
    job.members = [{ name: 'id', type: 'number', optional: false }];
    for (let i = 1; i < fieldCount; i++) {
      job.members.push({ name: `${random.pick(WORDS)}${pascal([random.pick(['name', 'count', 'flag', 'list'])])}${i}`, type: random.pick(FIELD_TYPES), optional: false });
    }
    if (random.chance(0.25)) job.members.push({ name: 'note', type: 'string', optional: true });
    if (style === 'payload' && index % IMPORTED_PAYLOAD_EVERY === 0) job.payloadPath = `src/jobs/payloads/job-${index}-payload.ts`;
    jobs.push(job);
  }
  const payloadFiles = jobs.filter((job) => job.payloadPath).length;
  // Everything that is not a job, a payload file, the base class or the cycle pair is a module.
  const moduleCount = size - jobs.length - payloadFiles - 1 - 2;
  const coreCount = Math.max(4, Math.round(size * CORE_SHARE));
  const modules = [];
  const areas = {};
  const enqueuerShare = enqueueCount / (moduleCount - coreCount);
  for (let i = 0; i < moduleCount; i++) {
    const isCore = i < coreCount;
    const isEnqueuer = !isCore && random.chance(enqueuerShare);
    const words = [random.pick(WORDS), random.pick(WORDS)];
    let dir = 'src/core';
    if (!isCore) {
      const area = Math.floor((i - coreCount) / FILES_PER_AREA);
      const domain = DOMAINS[area % DOMAINS.length];
      dir = `src/${domain}${area >= DOMAINS.length ? `-${Math.floor(area / DOMAINS.length) + 1}` : ''}`;
    }
    const base = `${words.join('-')}-${i}${isEnqueuer ? '-service' : ''}`;
    const module = { index: i, dir, path: `${dir}/${base}.ts`, stem: `${pascal(words)}${i}`, isCore, isEnqueuer, imports: [], enqueues: [] };
    modules.push(module);
    (areas[dir] ??= []).push(module);
  }
  // Layered like a real app: area modules use earlier modules of their own area and a few
  // core modules; core modules only use earlier core modules. The graph stays acyclic
  // except for the one cycle below, so import-x/no-cycle has exactly one cycle to find.
  for (const module of modules) {
    const siblings = areas[module.dir].filter((other) => other.index < module.index && !other.isEnqueuer);
    const core = modules.slice(0, coreCount).filter((other) => other.index < module.index || !module.isCore);
    const wanted = new Set();
    for (let i = random.int(0, 3); i > 0 && siblings.length > 0; i--) wanted.add(siblings[siblings.length - 1 - Math.floor(random.next() ** 2 * siblings.length)]);
    for (let i = random.int(module.isCore ? 0 : 1, 2); i > 0 && core.length > 0; i--) wanted.add(random.pick(core));
    module.imports = [...wanted];
    if (module.isEnqueuer) {
      for (let i = random.int(1, 3); i > 0; i--) module.enqueues.push({ job: random.pick(jobs), viaSet: random.chance(0.2) });
    }
  }
  const cycle = ['src/core/cycle-a.ts', 'src/core/cycle-b.ts'];
  // A share of plain modules call a `dispatch(` of their own: false positives of the plugin's
  // text prefilter, as event buses and stores produce in real code.
  for (const module of modules) module.dispatches = !module.isEnqueuer && random.chance(0.02);
  for (const job of jobs) job.helper = random.chance(0.5) ? random.pick(modules.slice(0, coreCount)) : undefined;
  return { jobs, modules, cycle, coreCount };
}

// ---------------------------------------------------------------------------------------------
// File texts.

function memberText(member) {
  return `${member.name}${member.optional ? '?' : ''}: ${member.type}`;
}

function sampleValue(member, random) {
  switch (member.type) {
    case 'number':
      return String(random.int(1, 999));
    case 'boolean':
      return random.chance(0.5) ? 'true' : 'false';
    case 'string[]':
      return `['${random.pick(WORDS)}']`;
    case 'number | null':
      return 'null';
    case 'Date':
      return 'new Date()';
    default:
      return `'${random.pick(WORDS)}'`;
  }
}

/** A method body of 4-12 lines, one of a few shapes ordinary code has. */
function methodBody(random, indent, names) {
  const pad = ' '.repeat(indent);
  const value = random.int(2, 97);
  const word = random.pick(WORDS);
  switch (random.int(0, 4)) {
    case 0:
      return [
        `${pad}if (input.id > ${value}) {`,
        `${pad}  return \`\${this.prefix}:\${input.name}:${word}\`;`,
        `${pad}}`,
        `${pad}const parts = [input.name, String(input.id), '${word}'];`,
        `${pad}for (const part of parts) {`,
        `${pad}  this.cache.set(input.id + part.length, { ...input, name: part });`,
        `${pad}}`,
        `${pad}return parts.join('-');`,
      ];
    case 1:
      return [
        `${pad}const items = Array.from({ length: ${value} }, (_, i) => ({ ...input, id: input.id + i }));`,
        `${pad}const selected = items.filter((item) => item.id % ${random.int(2, 9)} === 0);`,
        `${pad}const total = selected.reduce((sum, item) => sum + item.id, 0);`,
        `${pad}this.cache.set(total, input);`,
        `${pad}return \`${word}:\${total}:\${selected.length}\`;`,
      ];
    case 2:
      return [
        `${pad}try {`,
        `${pad}  const parsed = JSON.parse(JSON.stringify(input)) as typeof input;`,
        `${pad}  if (!parsed.name) throw new Error('${word} without a name');`,
        `${pad}  return parsed.name.toUpperCase();`,
        `${pad}} catch (error) {`,
        `${pad}  return \`failed: \${(error as Error).message}\`;`,
        `${pad}}`,
      ];
    case 3:
      return [
        `${pad}switch (input.id % 3) {`,
        `${pad}  case 0:`,
        `${pad}    return '${word}-zero';`,
        `${pad}  case 1:`,
        `${pad}    return ${names.length > 0 ? `${random.pick(names)}(input.id, '${word}').name` : `'${word}-one'`};`,
        `${pad}  default:`,
        `${pad}    return input.name.slice(0, ${value});`,
        `${pad}}`,
      ];
    default:
      return [
        `${pad}const seen = new Set<string>();`,
        `${pad}let cursor = input.name;`,
        `${pad}while (!seen.has(cursor) && seen.size < ${value}) {`,
        `${pad}  seen.add(cursor);`,
        `${pad}  cursor = cursor.split('').reverse().join('') + '${word[0]}';`,
        `${pad}}`,
        `${pad}return [...seen].join(',');`,
      ];
  }
}

/** The body shared by plain modules and services: types, a class and functions, 50-150 lines in all. */
function moduleBody(module, random, importedBuilders, targetLines) {
  const { stem } = module;
  const lines = [];
  lines.push(`export interface ${stem}Record {`, '  id: number;', '  name: string;');
  for (let i = random.int(1, 5); i > 0; i--) lines.push(`  ${random.pick(WORDS)}${i}?: ${random.pick(FIELD_TYPES)};`);
  lines.push('}', '');
  lines.push(`export const ${stem.toUpperCase()}_LIMITS = {`, `  maxItems: ${random.int(10, 500)},`, `  label: '${random.pick(WORDS)}',`, `  retry: ${random.chance(0.5)},`, '} as const;', '');
  lines.push(`export function build${stem}(id: number, name: string): ${stem}Record {`, `  return { id, name: \`\${name}-\${id % ${random.int(2, 50)}}\` };`, '}', '');
  lines.push(`export class ${stem}Service {`, `  private readonly cache = new Map<number, ${stem}Record>();`, '', '  constructor(private readonly prefix: string) {}', '');
  let method = 0;
  // Methods until the file reaches its size, leaving room for the closing lines.
  while (lines.length < targetLines - 12 || method === 0) {
    lines.push(`  ${random.pick(WORDS)}${pascal([random.pick(WORDS)])}${method}(input: ${stem}Record): string {`);
    lines.push(...methodBody(random, 4, importedBuilders));
    lines.push('  }', '');
    method++;
  }
  if (module.dispatches) {
    lines.push('  notify(bus: { dispatch(event: string, payload: unknown): void }, input: ' + `${stem}Record): void {`, `    bus.dispatch('${random.pick(WORDS)}.changed', input);`, '  }', '');
  }
  lines.push(`  size(): number {`, '    return this.cache.size;', '  }', '}', '');
  lines.push(`export function summarize${stem}(records: ${stem}Record[]): string {`, `  return records.map((record) => build${stem}(record.id, record.name).name).join(', ');`, '}');
  return lines;
}

function moduleText(module, random, jobsByIndex) {
  const lines = [];
  const builders = [];
  for (const imported of module.imports) {
    lines.push(`import { build${imported.stem}, type ${imported.stem}Record } from '${specifier(module.path, imported.path)}';`);
    builders.push(`build${imported.stem}`);
  }
  const enqueued = [...new Set(module.enqueues.map((site) => site.job))];
  for (const job of enqueued) lines.push(`import { ${job.name} } from '${specifier(module.path, job.path)}';`);
  if (lines.length > 0) lines.push('');
  lines.push(...moduleBody(module, random, builders, random.int(50, 150) - lines.length));
  if (module.enqueues.length > 0) {
    lines.push('', `export async function schedule${module.stem}(record: ${module.stem}Record): Promise<void> {`);
    for (const site of module.enqueues) {
      const job = jobsByIndex.get(site.job.index);
      // Enqueuers of version N pass what version N's handler requires, sometimes the optional part too.
      const passed = job.members.filter((member) => !member.optional || random.chance(0.5));
      const values = passed.map((member) => (member.name === 'id' ? 'record.id' : sampleValue(member, random)));
      const args = job.style === 'payload' ? `{ ${passed.map((member, i) => `${member.name}: ${values[i]}`).join(', ')} }` : values.join(', ');
      const target = site.viaSet ? `${job.name}.set({ wait: ${random.int(1, 300)} })` : job.name;
      lines.push(`  await ${target}.performLater(${args});`);
    }
    lines.push('}');
  }
  return `${lines.join('\n')}\n`;
}

function payloadText(job, members) {
  return [`export interface ${job.name}Payload {`, ...members.map((member) => `  ${memberText(member)};`), '}', ''].join('\n');
}

function jobText(job, members, random) {
  const lines = [`import { ApplicationJob } from './application-job.js';`];
  if (job.helper) lines.push(`import { build${job.helper.stem} } from '${specifier(job.path, job.helper.path)}';`);
  if (job.payloadPath) lines.push(`import type { ${job.name}Payload } from '${specifier(job.path, job.payloadPath)}';`);
  lines.push('');
  if (job.style === 'payload' && !job.payloadPath) lines.push(payloadText(job, members).trimEnd(), '');
  const signature = job.style === 'payload' ? `payload: ${job.name}Payload` : members.map(memberText).join(', ');
  const idExpression = job.style === 'payload' ? 'payload.id' : 'id';
  lines.push(`export class ${job.name} extends ApplicationJob {`, `  static queue = '${job.queue}';`, '');
  lines.push(`  async perform(${signature}): Promise<void> {`);
  // The editor loop of the benchmark edits this literal.
  lines.push(`    const label = '${job.name} started';`, `    this.log(label, ${idExpression});`);
  if (job.helper) lines.push(`    const record = build${job.helper.stem}(${idExpression}, label);`, '    this.log(record.name);');
  for (let i = random.int(2, 6); i > 0; i--) {
    lines.push(`    if (${idExpression} % ${random.int(2, 11)} === ${i % 2}) {`, `      await this.step${i}(${idExpression});`, '    }');
  }
  lines.push('  }', '');
  for (let i = 1; i <= 6; i++) {
    lines.push(`  private async step${i}(id: number): Promise<void> {`, `    await new Promise((resolve) => setTimeout(resolve, id % ${random.int(3, 40)}));`, `    this.log('${random.pick(WORDS)} step ${i}', id);`, '  }', '');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const APPLICATION_JOB = `export interface EnqueueOptions {
  wait?: number;
  queue?: string;
}

/** The base of every job: enqueueing goes through the queue adapter, handlers run in workers. */
export abstract class ApplicationJob {
  static queue = 'default';

  static async performLater(...args: unknown[]): Promise<void> {
    await ApplicationJob.adapter.push(this.name, this.queue, args, {});
  }

  static set(options: EnqueueOptions): { performLater: (...args: unknown[]) => Promise<void> } {
    return { performLater: (...args: unknown[]) => ApplicationJob.adapter.push(this.name, options.queue ?? this.queue, args, options) };
  }

  static adapter = {
    async push(name: string, queue: string, args: unknown[], options: EnqueueOptions): Promise<void> {
      console.log('enqueue', name, queue, JSON.stringify(args), options.wait ?? 0);
    },
  };

  protected log(message: string, ...values: unknown[]): void {
    console.log(\`[\${this.constructor.name}] \${message}\`, ...values);
  }
}
`;

function cycleText(self, other, otherPath, selfPath) {
  return [
    `import { ${other}Size } from '${specifier(selfPath, otherPath)}';`,
    '',
    `export function ${self}Size(depth: number): number {`,
    `  return depth <= 0 ? 1 : 1 + ${other}Size(depth - 1);`,
    '}',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Version N+1: the changes the working tree makes, and the findings they must produce.

function planChanges(jobs, enqueued, random) {
  const positional = jobs.filter((job) => job.style === 'positional' && !job.members.some((member) => member.optional));
  const payload = jobs.filter((job) => job.style === 'payload');
  const take = (list, count) => {
    const copy = [...list];
    const taken = [];
    while (taken.length < count && copy.length > 0) taken.push(copy.splice(Math.floor(random.next() * copy.length), 1)[0]);
    return taken;
  };
  const [requiredA, requiredB, optionalA, optionalB] = take(positional, 4);
  // One payload declared in the job file and, where there is one, one declared in its own file.
  const inlinePayload = take(payload.filter((job) => !job.payloadPath), 1);
  const importedPayload = take(payload.filter((job) => job.payloadPath), 1);
  const changes = [];
  for (const job of [requiredA, requiredB]) changes.push({ job, kind: 'required-param', member: { name: 'locale', type: 'string', optional: false }, expectFinding: true });
  for (const job of [optionalA, optionalB]) changes.push({ job, kind: 'optional-param', member: { name: 'retries', type: 'number', optional: true }, expectFinding: false });
  for (const job of [...inlinePayload, ...importedPayload]) changes.push({ job, kind: 'required-field', member: { name: 'tenantId', type: 'string', optional: false }, expectFinding: true });
  // Changes the later rules know: a job that deployed code enqueues moves to another queue,
  // and a parameter changes its type.
  const changed = new Set(changes.map((change) => change.job));
  const [moved] = take(jobs.filter((job) => enqueued.has(job) && !changed.has(job)), 1);
  if (moved) changes.push({ job: moved, kind: 'queue-change', queue: moved.queue === 'critical' ? 'low' : 'critical', rule: 'safe-jobs/no-queue-change' });
  const [retyped] = take(positional.filter((job) => !changed.has(job) && job !== moved), 1);
  if (retyped) changes.push({ job: retyped, kind: 'type-change', rule: 'safe-jobs/no-incompatible-param-change' });
  return changes.filter((change) => change.job);
}

// ---------------------------------------------------------------------------------------------

function git(root, args) {
  // No global or system configuration: the identity and signing are given here, nothing else leaks in.
  return execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@invalid', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' },
  });
}

function writeFile(root, path, text) {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}

function generate(size, seed, root) {
  const random = createRandom(seed ^ size);
  const plan = planProject(size, random);
  const jobsByIndex = new Map(plan.jobs.map((job) => [job.index, job]));
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });

  writeFile(root, 'package.json', `${JSON.stringify({ name: `bench-app-${size}`, private: true, type: 'module' }, null, 2)}\n`);
  writeFile(root, 'tsconfig.json', `${JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', strict: true } }, null, 2)}\n`);
  writeFile(root, 'src/jobs/application-job.ts', APPLICATION_JOB);
  const [cycleA, cycleB] = plan.cycle;
  writeFile(root, cycleA, cycleText('cycleA', 'cycleB', cycleB, cycleA));
  writeFile(root, cycleB, cycleText('cycleB', 'cycleA', cycleA, cycleB));
  for (const module of plan.modules) writeFile(root, module.path, moduleText(module, random, jobsByIndex));
  const writeJob = (job, members) => {
    writeFile(root, job.path, jobText(job, members, createRandom(seed ^ (job.index * 7919))));
    if (job.payloadPath) writeFile(root, job.payloadPath, payloadText(job, members));
  };
  for (const job of plan.jobs) writeJob(job, job.members);
  const fileCount = 3 + plan.modules.length + plan.jobs.length + plan.jobs.filter((job) => job.payloadPath).length;

  git(root, ['init', '-q', '-b', 'main']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', `Version N: synthetic app of ${fileCount} files (seed ${seed})`]);

  const enqueued = new Set(plan.modules.flatMap((module) => module.enqueues.map((site) => site.job)));
  const changes = planChanges(plan.jobs, enqueued, random);
  const expectedFindings = [];
  for (const change of changes) {
    const { job, member } = change;
    if (change.kind === 'queue-change') {
      writeJob({ ...job, queue: change.queue }, job.members);
      expectedFindings.push({ rule: change.rule, file: job.path, job: job.name });
    } else if (change.kind === 'type-change') {
      writeJob(job, job.members.map((m) => (m.name === 'id' ? { ...m, type: 'string' } : m)));
      expectedFindings.push({ rule: change.rule, file: job.path, job: job.name, member: 'id' });
    } else {
      writeJob(job, [...job.members, member]);
      if (change.expectFinding) {
        const file = change.kind === 'required-field' && job.payloadPath ? job.payloadPath : job.path;
        expectedFindings.push({ rule: 'safe-jobs/no-new-required-param', file, job: job.name, member: member.name });
      }
    }
  }
  const editorJob = changes.find((change) => change.kind === 'required-param')?.job ?? plan.jobs[0];
  return {
    size,
    seed,
    generator: GENERATOR_HASH,
    files: fileCount,
    jobs: plan.jobs.length,
    payloadJobs: plan.jobs.filter((job) => job.style === 'payload').length,
    enqueueFiles: plan.modules.filter((module) => module.isEnqueuer).length,
    changes: changes.map((change) => ({ file: change.job.path, job: change.job.name, kind: change.kind })),
    expectedFindings,
    // import-x/no-cycle reports the import of each file of the cycle.
    expectedCycles: plan.cycle,
    editorFile: editorJob.path,
    editorLiteral: `'${editorJob.name} started'`,
  };
}

/** The corpus of `size` files: reused when its manifest matches the seed, size and generator. */
export function ensureCorpus(size, { seed = DEFAULT_SEED, force = false } = {}) {
  const root = join(CORPUS_DIR, String(size));
  const manifestPath = join(CORPUS_DIR, `${size}.json`);
  if (!force && existsSync(manifestPath) && existsSync(join(root, '.git'))) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.seed === seed && manifest.size === size && manifest.generator === GENERATOR_HASH) return { root, manifest, reused: true, cacheDir: withNodeModules(root) };
  }
  rmSync(manifestPath, { force: true });
  const manifest = generate(size, seed, root);
  // Written last: an interrupted generation leaves no manifest and is redone.
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { root, manifest, reused: false, cacheDir: withNodeModules(root) };
}

/**
 * A real project has node_modules, where the plugin keeps its facts between runs: an empty one
 * (ignored by git, as in any project), so that runs with and without that cache can be measured.
 * Returns the plugin's cache folder.
 */
function withNodeModules(root) {
  mkdirSync(join(root, 'node_modules'), { recursive: true });
  const exclude = join(root, '.git', 'info', 'exclude');
  mkdirSync(dirname(exclude), { recursive: true });
  if (!existsSync(exclude) || !readFileSync(exclude, 'utf8').includes('node_modules/')) writeFileSync(exclude, 'node_modules/\n', { flag: 'a' });
  return join(root, 'node_modules', '.cache', 'eslint-plugin-safe-jobs');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const size = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1000);
  const seedIndex = args.indexOf('--seed');
  const seed = seedIndex >= 0 ? Number(args[seedIndex + 1]) : DEFAULT_SEED;
  const started = performance.now();
  const { root, manifest, reused } = ensureCorpus(size, { seed, force: args.includes('--force') });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${reused ? 'reused' : `generated in ${seconds} s`}: ${root} (${manifest.files} files, ${manifest.jobs} jobs, ${manifest.enqueueFiles} enqueuing files, ${manifest.expectedFindings.length} expected findings)`);
}
