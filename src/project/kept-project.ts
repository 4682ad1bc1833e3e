/**
 * The working tree's contracts kept between processes. Each ESLint process (a CI job, every
 * `--concurrency` worker, an editor restart) would otherwise read the whole facts store, and
 * resolve and build every contract of the project, before its first report, although most runs
 * lint a tree whose job files did not change since the last one.
 *
 * A full load of the working tree records everything it read (through RecordingSource): every
 * file's content (by git's blob id where the index holds the file unchanged, else a digest of
 * its text), the files it looked for and did not find, and which paths exist. A new process
 * lists the files, as it must to know anything, and reads only those whose content git cannot
 * vouch for. When every one is as it was, the contracts are the ones that load built: the same
 * inputs give the same contracts. Otherwise the tree is loaded
 * in full, as without a cache. The facts of the files are then not in memory: a process that
 * needs them (an edit that changes a contract) loads the project in full at that point.
 */
import { createHash } from 'node:crypto';
import type { ContractSet } from '../model/contract.js';
import { type ContractsBody, isPairs, toContractsBody, toContractSet } from './contracts-file.js';
import type { FileSource, LoadedProject } from './load-project.js';

/** Candidates by path: their text, or git's blob id where it was not read. */
export type CandidateScan = Map<string, string | { blob: string }>;

/**
 * What a load read of one path: its content (`blob:<id>` where git's index holds the file
 * unchanged with that content, so that a later check needs no read; else a digest of its text),
 * or that it found no file, or one over the size limit.
 */
type ReadState = string | 'missing' | 'oversized';

/** The working tree as kept-project reads it: a FileSource that can name a content by git's blob id. */
export interface BlobNamingSource extends FileSource {
  /** The candidates, the files whose clean blob `isKnownCandidate` accepts given by blob id without a read. */
  listCandidates(isKnownCandidate: (blob: string) => boolean): CandidateScan;
  /** The candidates' texts; with a scan just made, from it (reading only the files it named by blob). */
  readCandidates(scan?: CandidateScan): Map<string, string>;
  /** The blob id of the file's text, when git's index holds the file unchanged with that text. */
  getBlobOf(path: string, text: string): string | undefined;
  /** The blob git's index holds for the file, when the file is unchanged on disk. */
  getCleanBlob(path: string): string | undefined;
}

/** The loaded project without its facts: what a process needs as long as no linted text differs from the disk. */
export interface ProjectSummary {
  /** Content key of each loaded file, as LoadedProject.keys. */
  keys: Map<string, string>;
  /** Files with facts (parsed modules and package.json files), as LoadedProject.files' keys. */
  files: Set<string>;
  unparsable: Map<string, string>;
  contracts: ContractSet;
}

interface KeptBody {
  listing: string;
  reads: Array<[string, ReadState]>;
  keys: Array<[string, string]>;
  files: string[];
  unparsable: Array<[string, string]>;
  contracts: ContractsBody;
}

/** A source that records what is read through it, for keepProject. */
export class RecordingSource implements FileSource {
  readonly reads = new Map<string, ReadState>();

  /** `scan`: the listing readKeptProject just made, which the load's own listing then reuses. */
  constructor(
    private readonly source: BlobNamingSource,
    private scan?: CandidateScan,
  ) {}

  readCandidates(): Map<string, string> {
    const texts = this.source.readCandidates(this.scan);
    this.scan = undefined;
    for (const [path, text] of texts) this.reads.set(path, identify(this.source, path, text));
    for (const path of this.source.getOversized()) this.reads.set(path, 'oversized');
    return texts;
  }

  readFiles(paths: string[]): Map<string, string> {
    const texts = this.source.readFiles(paths);
    for (const path of paths) this.reads.set(path, getReadState(path, texts, this.source));
    return texts;
  }

  getOversized(): ReadonlySet<string> {
    return this.source.getOversized();
  }

  listPaths(): ReadonlySet<string> {
    return this.source.listPaths();
  }
}

/** Keeps the working tree's state after a full load of it through `recorder`. */
export function keepProject(keep: (body: () => unknown) => void, recorder: RecordingSource, project: LoadedProject, contracts: ContractSet): void {
  keep(
    (): KeptBody => ({
      listing: digestListing(recorder.listPaths()),
      reads: [...recorder.reads],
      keys: [...project.keys],
      files: [...project.files.keys()],
      unparsable: [...project.unparsable],
      contracts: toContractsBody(contracts),
    }),
  );
}

/**
 * The kept project, when the working tree still holds what its load read; otherwise the
 * listing made to find out (for the full load to reuse), if one was made.
 */
export function readKeptProject(kept: unknown, source: BlobNamingSource): { summary: ProjectSummary } | { scan?: CandidateScan } {
  const body = toKeptBody(kept);
  if (!body) return {};
  const scan = check(body, source);
  if (scan) return { scan };
  const contracts = toContractSet(body.contracts);
  if (!contracts) return {};
  return { summary: { keys: new Map(body.keys), files: new Set(body.files), unparsable: new Map(body.unparsable), contracts } };
}

/** Undefined when every file is as the kept load read it; else the listing that shows it is not. */
function check(body: KeptBody, source: BlobNamingSource): CandidateScan | undefined {
  const reads = new Map(body.reads);
  // Files git's index holds unchanged under a blob the last load read are not read again.
  const known = new Set([...reads.values()].flatMap((state) => (state.startsWith(BLOB) ? [state.slice(BLOB.length)] : [])));
  const candidates = source.listCandidates((blob) => known.has(blob));
  if (body.listing !== digestListing(source.listPaths())) return candidates;
  for (const [path, entry] of candidates) {
    const state = typeof entry === 'string' ? identify(source, path, entry) : `${BLOB}${entry.blob}`;
    if (reads.get(path) !== state) return candidates;
  }
  for (const path of source.getOversized()) if (reads.get(path) !== 'oversized') return candidates;
  const isCleanAsRead = (path: string, state: ReadState) => state.startsWith(BLOB) && source.getCleanBlob(path) === state.slice(BLOB.length);
  const others = [...reads].filter(([path, state]) => !candidates.has(path) && !isCleanAsRead(path, state)).map(([path]) => path);
  const texts = source.readFiles(others);
  return others.some((path) => getReadState(path, texts, source) !== reads.get(path)) ? candidates : undefined;
}

const BLOB = 'blob:';

function identify(source: BlobNamingSource, path: string, text: string): ReadState {
  const blob = source.getBlobOf(path, text);
  return blob === undefined ? digest(text) : `${BLOB}${blob}`;
}

function getReadState(path: string, texts: Map<string, string>, source: BlobNamingSource): ReadState {
  const text = texts.get(path);
  if (text !== undefined) return identify(source, path, text);
  return source.getOversized().has(path) ? 'oversized' : 'missing';
}

/** Which files exist decides where imports lead: the listing is part of the input. */
function digestListing(paths: ReadonlySet<string>): string {
  const hash = createHash('sha1');
  for (const path of paths) hash.update(path).update('\0');
  return hash.digest('hex');
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function toKeptBody(value: unknown): KeptBody | undefined {
  const body = value as Partial<KeptBody> | null | undefined;
  if (!body || typeof body.listing !== 'string' || !isPairs(body.reads) || !isPairs(body.keys) || !isPairs(body.unparsable)) return undefined;
  if (!Array.isArray(body.files) || !body.files.every((path) => typeof path === 'string')) return undefined;
  return body as KeptBody;
}
