/**
 * What one file says about jobs, before anything is resolved across files.
 * Facts are plain data (JSON-serializable) so they can be cached by content hash
 * and written into snapshots.
 */

/** A position as ESLint reports it: 1-based line, 0-based column. */
export interface Position {
  line: number;
  column: number;
}

export interface SourceSpan {
  start: Position;
  end: Position;
  /** Character offsets into the file's text; used for fixes. */
  range: [number, number];
}

export type Optionality = 'required' | 'optional' | 'default' | 'rest';

/** A handler parameter (positional) or a payload field (object payload). */
export interface Member {
  name: string;
  optionality: Optionality;
  /** Normalized type text, or undefined when the code declares none. */
  type?: string;
  span: SourceSpan;
  /**
   * How to write the transitional (optional) form of this member, computed by the
   * extractor that knows the syntax. Absent when no safe textual edit exists.
   */
  makeOptional?: TextEdit;
}

export interface TextEdit {
  range: [number, number];
  text: string;
}

/** A reference to a type declared elsewhere (interface or type alias). */
export interface TypeRef {
  /** Local name in the file that uses it. */
  name: string;
}

export interface HandlerFact {
  method: string;
  span: SourceSpan;
  params: Member[];
  /** When the handler takes a single object parameter: where its fields come from. */
  payload?: { inline: Member[] } | { ref: TypeRef };
}

export interface ClassFact {
  name: string;
  span: SourceSpan;
  isAbstract: boolean;
  isExported: boolean;
  isDefaultExport: boolean;
  /** The superclass as written: an identifier, possibly an import binding. */
  superClass?: string;
  handlers: HandlerFact[];
  queue?: string;
}

export interface ImportBinding {
  /** Module specifier as written. */
  source: string;
  /** Exported name, or 'default'. */
  imported: string;
}

export interface TypeDeclFact {
  name: string;
  fields: Member[];
  isExported: boolean;
}

export interface ArgumentsFact {
  count: number;
  hasSpread: boolean;
  /** Keys of the first argument when it is an object literal without spread elements. */
  objectKeys?: string[];
}

export interface EnqueueFact {
  /** The class identifier as written at the call. */
  callee: string;
  method: string;
  args: ArgumentsFact;
  span: SourceSpan;
}

export interface FileFacts {
  classes: ClassFact[];
  imports: Record<string, ImportBinding>;
  /** Local names re-exported under another name: `export { A as B }`. */
  exportAliases: Record<string, string>;
  types: TypeDeclFact[];
  enqueues: EnqueueFact[];
}

export function isEmptyFacts(facts: FileFacts): boolean {
  return facts.classes.length === 0 && facts.enqueues.length === 0 && facts.types.length === 0;
}
