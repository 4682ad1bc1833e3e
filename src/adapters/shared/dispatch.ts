/**
 * A processor's dispatch on its job's name, read from the processor function's own statements:
 * `switch (job.name)`, an `if` chain on `job.name === ...`, or a lookup in a map of handlers
 * (`handlers[job.name]`). Each case becomes a job; what a job under any other name meets
 * (an error, or the end of the processor) is what `no-silent-unknown-job` checks.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DispatchCaseFact, DispatchFact, HandlerFact, NameRef, PayloadSource } from '../../model/facts.js';
import { getBlockOutcome } from './dispatch-outcome.js';
import { getFingerprint } from './fingerprint.js';
import { addPatternNames, getCall, getChildren, getJobNames, isFunctionLike, isJobData, isJobName, type JobNames, unwrap } from './job-names.js';
import { getNameRef, getReferencePath, getSpan, type Node, type SyntaxContext } from './syntax.js';
import { getTypeSource } from './types.js';

type Statement = TSESTree.Statement;

export function getDispatchFact(fn: TSESTree.FunctionLike, ctx: SyntaxContext): DispatchFact | undefined {
  const names = getJobNames(fn.params[0]);
  if (!names || !fn.body) return undefined;
  const statements: Statement[] = fn.body.type === 'BlockStatement' ? fn.body.body : [{ type: 'ReturnStatement', argument: fn.body } as unknown as Statement];
  return findDispatch(statements, names, ctx, 0);
}

function findDispatch(statements: Statement[], names: JobNames, ctx: SyntaxContext, depth: number): DispatchFact | undefined {
  for (const [index, statement] of statements.entries()) {
    const rest = statements.slice(index + 1);
    switch (statement.type) {
      case 'VariableDeclaration':
        for (const declarator of statement.declarations) {
          addAliases(declarator, names);
          const lookup = declarator.init && getMapLookup(declarator.init, names);
          if (lookup && declarator.id.type === 'Identifier') return getLocalMapDispatch(lookup, declarator.id.name, statement, rest, names);
        }
        break;
      case 'SwitchStatement':
        if (isJobName(statement.discriminant, names)) return getSwitchDispatch(statement, rest, names, ctx);
        if (testsJobName([statement], names)) return undefined;
        break;
      case 'IfStatement':
        if (getTestNames(statement.test, names)) return getIfDispatch(statement, rest, names, ctx);
        // `if (ALLOWED.includes(job.name))`: a dispatch this reading cannot follow; the processor takes every job alike.
        if (mentionsJobName(statement.test, names)) return undefined;
        break;
      case 'TryStatement':
        if (depth < 1) {
          const inner = findDispatch(statement.block.body, names, ctx, depth + 1);
          if (inner) return inner;
        }
        break;
      case 'ReturnStatement':
      case 'ExpressionStatement': {
        const expression = statement.type === 'ReturnStatement' ? statement.argument : statement.expression;
        const call = expression && getCall(expression);
        const lookup = call && getMapLookup(call.callee, names);
        if (call && lookup) {
          // `return handlers[job.name](job)` fails with a TypeError on an unknown name; `?.(job)` completes it.
          const unknown = call.optional || (call.callee.type === 'ChainExpression') ? 'silent' : 'throws';
          return { kind: 'map', unknown, span: getSpan(statement), cases: [], map: { path: lookup.path, passes: getPasses(call.arguments[0], names) ?? 'job' } };
        }
        break;
      }
    }
  }
  return undefined;
}

/** `const { name, data } = job`, `const name = job.name`, `const data = job.data`. */
function addAliases(declarator: TSESTree.VariableDeclarator, names: JobNames): void {
  const init = declarator.init && unwrap(declarator.init);
  if (!init) return;
  if (declarator.id.type === 'ObjectPattern' && init.type === 'Identifier' && init.name === names.job) addPatternNames(declarator.id, names);
  if (declarator.id.type === 'Identifier' && isJobName(init, names)) names.name.add(declarator.id.name);
  if (declarator.id.type === 'Identifier' && isJobData(init, names)) names.data.add(declarator.id.name);
}

/** `handlers[job.name]`: the map's reference path. */
function getMapLookup(node: TSESTree.Node, names: JobNames): { path: string[] } | undefined {
  const target = unwrap(node as TSESTree.Expression);
  if (target.type !== 'MemberExpression' || !target.computed || !isJobName(target.property, names)) return undefined;
  const path = getReferencePath(target.object);
  return path ? { path } : undefined;
}

/** What the processor hands to a function: the job, or its data. */
function getPasses(arg: TSESTree.CallExpressionArgument | undefined, names: JobNames): 'job' | 'data' | undefined {
  if (!arg || arg.type === 'SpreadElement') return undefined;
  if (isJobData(arg, names)) return 'data';
  const target = unwrap(arg);
  return target.type === 'Identifier' && target.name === names.job ? 'job' : undefined;
}

/** `const handler = handlers[job.name]`, then `if (!handler) throw ...` or `handler?.(job)`. */
function getLocalMapDispatch(lookup: { path: string[] }, local: string, declaration: Statement, rest: Statement[], names: JobNames): DispatchFact {
  const fact: DispatchFact = { kind: 'map', unknown: 'silent', span: getSpan(declaration), cases: [], map: { path: lookup.path, passes: 'job' } };
  for (const statement of rest) {
    const passes = findCallPasses(statement, local, names);
    if (passes) fact.map!.passes = passes;
  }
  fact.unknown = getGuardOutcome(rest, local, names);
  return fact;
}

/** What calling the looked-up handler passes: `handler(job)` or `handler(job.data)`. */
function findCallPasses(node: Node, local: string, names: JobNames, depth = 0): 'job' | 'data' | undefined {
  if (depth > 8) return undefined;
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === local) return getPasses(node.arguments[0], names);
  for (const child of getChildren(node)) {
    const found = findCallPasses(child, local, names, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * After `const handler = handlers[job.name]`: `if (!handler) throw ...` throws; `if (!handler)
 * return`, `if (handler) {...}` and `handler?.(job)` complete the job silently; a plain
 * `handler(job)` fails with a TypeError.
 */
function getGuardOutcome(rest: Statement[], local: string, names: JobNames): DispatchFact['unknown'] {
  for (const statement of rest) {
    if (statement.type === 'IfStatement') {
      const test = statement.test;
      const negated = test.type === 'UnaryExpression' && test.operator === '!' && isIdentifier(test.argument, local);
      const undefinedTest = test.type === 'BinaryExpression' && ['===', '=='].includes(test.operator) && (isIdentifier(test.left, local) || isIdentifier(test.right, local));
      if (negated || undefinedTest) return getBlockOutcome([statement.consequent], [], names, 0);
      if (isIdentifier(test, local)) return statement.alternate ? getBlockOutcome([statement.alternate], [], names, 0) : 'silent';
    }
    if (hasOptionalCall(statement, local)) return 'silent';
    if (hasPlainCall(statement, local)) return 'throws';
  }
  return 'silent';
}

function isIdentifier(node: Node, name: string): boolean {
  return node.type === 'Identifier' && node.name === name;
}

function hasOptionalCall(node: Node, local: string, depth = 0): boolean {
  if (depth > 8) return false;
  if (node.type === 'CallExpression' && node.optional && isIdentifier(node.callee, local)) return true;
  return getChildren(node).some((child) => hasOptionalCall(child, local, depth + 1));
}

function hasPlainCall(node: Node, local: string, depth = 0): boolean {
  if (depth > 8) return false;
  if (node.type === 'CallExpression' && !node.optional && isIdentifier(node.callee, local)) return true;
  return getChildren(node).some((child) => hasPlainCall(child, local, depth + 1));
}

function getSwitchDispatch(statement: TSESTree.SwitchStatement, rest: Statement[], names: JobNames, ctx: SyntaxContext): DispatchFact | undefined {
  const cases: DispatchCaseFact[] = [];
  let pending: Array<{ name: NameRef; span: TSESTree.Node }> = [];
  let unknown: DispatchFact['unknown'] | undefined;
  for (const clause of statement.cases) {
    if (!clause.test) {
      if (testsJobName([...clause.consequent, ...rest], names)) return undefined;
      unknown = getBlockOutcome(clause.consequent, rest, names, 0);
      pending = [];
      continue;
    }
    const name = getNameRef(clause.test);
    if (name) pending.push({ name, span: clause.test });
    if (clause.consequent.length === 0) continue;
    if (pending.length > 0) cases.push(getCase(pending, clause.consequent, names, ctx));
    pending = [];
  }
  if (unknown === undefined && testsJobName(rest, names)) return undefined;
  return { kind: 'switch', unknown: unknown ?? getBlockOutcome([], rest, names, 0), span: getSpan(statement), cases };
}

/** `if (job.name === 'a') ... else if (job.name === 'b') ... else throw`, or a run of such `if`s before a `throw`. */
function getIfDispatch(first: TSESTree.IfStatement, rest: Statement[], names: JobNames, ctx: SyntaxContext): DispatchFact | undefined {
  const cases: DispatchCaseFact[] = [];
  let current: Statement | null | undefined = first;
  let remaining = rest;
  let unknown: DispatchFact['unknown'] | undefined;
  for (let guard = 0; guard < 256 && current; guard++) {
    const tested: NameRef[] | undefined = current.type === 'IfStatement' ? getTestNames(current.test, names) : undefined;
    if (current.type !== 'IfStatement' || !tested) {
      // What meets any other name tests the name again in a way this reading cannot follow: which names are handled is unknown.
      if (testsJobName([current, ...remaining], names)) return undefined;
      unknown = getBlockOutcome([current], remaining, names, 0);
      break;
    }
    const body = current.consequent.type === 'BlockStatement' ? current.consequent.body : [current.consequent];
    if (tested.length > 0) cases.push(getCase(tested.map((name) => ({ name, span: getNameNode(current as TSESTree.IfStatement, name) ?? current! })), body, names, ctx));
    if (current.alternate) {
      current = current.alternate;
    } else if (remaining[0]?.type === 'IfStatement' && getTestNames(remaining[0].test, names)) {
      // `if (a) return ...; if (b) return ...;` one after the other.
      current = remaining[0];
      remaining = remaining.slice(1);
    } else {
      current = undefined;
      if (testsJobName(remaining, names)) return undefined;
      unknown = getBlockOutcome([], remaining, names, 0);
    }
  }
  return { kind: 'if', unknown: unknown ?? 'silent', span: getSpan(first), cases };
}

/** Whether statements test the job's name (in an `if`, a `switch`, a condition), outside nested functions. */
function testsJobName(nodes: Node[], names: JobNames, depth = 0): boolean {
  if (depth > 12) return false;
  for (const node of nodes) {
    if (isFunctionLike(node)) continue;
    if ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') && mentionsJobName(node.test, names)) return true;
    if (node.type === 'SwitchStatement' && (mentionsJobName(node.discriminant, names) || node.cases.some((clause) => clause.test && mentionsJobName(clause.test, names)))) return true;
    if (testsJobName(getChildren(node), names, depth + 1)) return true;
  }
  return false;
}

/** Whether an expression reads the job's name anywhere (`ALLOWED.includes(job.name)`, `name.startsWith('x')`). */
function mentionsJobName(node: Node, names: JobNames, depth = 0): boolean {
  if (depth > 12) return false;
  if (isJobName(node, names)) return true;
  return !isFunctionLike(node) && getChildren(node).some((child) => mentionsJobName(child, names, depth + 1));
}

function getNameNode(statement: TSESTree.IfStatement, name: NameRef): TSESTree.Node | undefined {
  const found: TSESTree.Node[] = [];
  collectComparedNames(statement.test, found);
  return found.find((node) => JSON.stringify(getNameRef(node)) === JSON.stringify(name));
}

function collectComparedNames(test: TSESTree.Expression, out: TSESTree.Node[]): void {
  if (test.type === 'LogicalExpression') {
    collectComparedNames(test.left, out);
    collectComparedNames(test.right, out);
  } else if (test.type === 'BinaryExpression') {
    out.push(test.left as TSESTree.Node, test.right);
  }
}

/** The names an `if` test compares the job's name with: `job.name === 'a'`, `name === A || name === B`. */
function getTestNames(test: TSESTree.Expression, names: JobNames): NameRef[] | undefined {
  if (test.type === 'LogicalExpression' && test.operator === '||') {
    const left = getTestNames(test.left, names);
    const right = left && getTestNames(test.right, names);
    return left && right ? [...left, ...right] : undefined;
  }
  if (test.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return undefined;
  const other = isJobName(test.left, names) ? test.right : isJobName(test.right, names) ? test.left : undefined;
  if (!other) return undefined;
  const name = getNameRef(other);
  // A comparison with a dynamic value still dispatches on the name; it handles no known job.
  return name ? [name] : [];
}

function getCase(labels: Array<{ name: NameRef; span: TSESTree.Node }>, body: Statement[], names: JobNames, ctx: SyntaxContext): DispatchCaseFact {
  const only = body.length === 1 ? body[0] : undefined;
  const statements = only?.type === 'BlockStatement' ? only.body : body;
  const code = statements.filter((statement) => statement.type !== 'BreakStatement');
  const text = code.map((statement) => ctx.text.slice(statement.range[0], statement.range[1])).join('\n');
  const fn: HandlerFact = { method: 'process', span: getSpan(labels[0]!.span), params: [], fingerprint: getFingerprint(text) };
  const cast = findDataCast(code, names, ctx);
  if (cast) fn.payload = cast;
  const fact: DispatchCaseFact = { names: labels.map((label) => label.name), span: getSpan(labels[0]!.span), fn };
  const delegate = code.length === 1 ? getDelegate(code[0]!, names) : undefined;
  if (delegate) fact.delegate = delegate;
  return fact;
}

/** `return sendWelcome(job.data)`, `await this.welcome(job)`: the one call a case makes with the job or its data. */
function getDelegate(statement: Statement, names: JobNames): DispatchCaseFact['delegate'] {
  const expression = statement.type === 'ReturnStatement' ? statement.argument : statement.type === 'ExpressionStatement' ? statement.expression : undefined;
  const call = expression && getCall(expression);
  if (!call) return undefined;
  const path = getReferencePath(call.callee) ?? getThisPath(call.callee);
  const passes = getPasses(call.arguments[0], names);
  return path && passes ? { path, passes } : undefined;
}

function getThisPath(node: TSESTree.Node): string[] | undefined {
  if (node.type !== 'MemberExpression' || node.computed || node.object.type !== 'ThisExpression' || node.property.type !== 'Identifier') return undefined;
  return ['this', node.property.name];
}

/** `job.data as WelcomeData`, `<WelcomeData>job.data` or `const data: WelcomeData = job.data` in a case. */
function findDataCast(nodes: Node[], names: JobNames, ctx: SyntaxContext, depth = 0): PayloadSource | undefined {
  if (depth > 12) return undefined;
  for (const node of nodes) {
    if ((node.type === 'TSAsExpression' || node.type === 'TSTypeAssertion') && isJobData(node.expression, names)) {
      const source = getTypeSource(node.typeAnnotation, ctx);
      if (source) return source;
    }
    if (node.type === 'VariableDeclarator' && node.init && isJobData(node.init, names)) {
      const annotation = (node.id as { typeAnnotation?: TSESTree.TSTypeAnnotation }).typeAnnotation;
      const source = getTypeSource(annotation?.typeAnnotation, ctx);
      if (source) return source;
    }
    if (isFunctionLike(node)) continue;
    const found = findDataCast(getChildren(node), names, ctx, depth + 1);
    if (found) return found;
  }
  return undefined;
}

