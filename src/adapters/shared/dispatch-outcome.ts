/**
 * What a job under a name no case handles meets after a processor's dispatch: an error, a call
 * that hands it on, or the processor's end (the job completes without running).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { DispatchFact } from '../../model/facts.js';
import { getCalleeName } from './calls.js';
import { getCall, getChildren, isFunctionLike, isJobName, type JobNames } from './job-names.js';
import type { Node } from './syntax.js';

type Statement = TSESTree.Statement;

/** Methods that only report: a call to them hands nothing on. */
const LOGGING_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'verbose', 'fatal', 'notice', 'updateProgress', 'extendLock']);
/** Calls that end the job with an error: `assertNever(job.name)`, `fail(...)`, `job.moveToFailed(...)`, `job.discard()`. */
const FAILING_CALL = /^(assert|fail|throw|unreachable|exhaust|panic|reject|moveToFailed|discard)|Never$|Unreachable$/i;
/** Statements of a block are read this deep for a `throw` in nested `if`/`try`/blocks. */
const MAX_NESTING = 4;

/**
 * What a job meets from these statements on, then from `after` (the statements following the
 * dispatch) when they fall through: an error, a call handing the job on, or the processor's end.
 */
export function getBlockOutcome(statements: Statement[], after: Statement[], names: JobNames, depth: number): DispatchFact['unknown'] {
  for (const statement of statements) {
    const outcome = getStatementOutcome(statement, names, depth);
    if (outcome === 'break') return getBlockOutcome(after, [], names, depth);
    if (outcome) return outcome;
  }
  return after.length > 0 ? getBlockOutcome(after, [], names, depth) : 'silent';
}

function getStatementOutcome(statement: Statement, names: JobNames, depth: number): DispatchFact['unknown'] | 'break' | undefined {
  switch (statement.type) {
    case 'ThrowStatement':
      return 'throws';
    case 'BreakStatement':
      return 'break';
    case 'ReturnStatement':
      if (!statement.argument) return 'silent';
      return isFailingExpression(statement.argument) ? 'throws' : isHandingOn(statement.argument, names) ? 'delegates' : 'silent';
    case 'ExpressionStatement':
      if (isFailingExpression(statement.expression)) return 'throws';
      return isHandingOn(statement.expression, names) ? 'delegates' : undefined;
    case 'BlockStatement':
      return depth < MAX_NESTING ? getNestedOutcome(statement.body, names, depth) : undefined;
    case 'IfStatement':
    case 'TryStatement':
      // A `throw` on some branch: the code decides about unknown names; not silent.
      return depth < MAX_NESTING && containsThrow(statement, depth) ? 'throws' : undefined;
    default:
      return undefined;
  }
}

function getNestedOutcome(body: Statement[], names: JobNames, depth: number): DispatchFact['unknown'] | 'break' | undefined {
  for (const statement of body) {
    const outcome = getStatementOutcome(statement, names, depth + 1);
    if (outcome) return outcome;
  }
  return undefined;
}

function containsThrow(node: Node, depth: number): boolean {
  if (depth > MAX_NESTING * 3) return false;
  if (node.type === 'ThrowStatement') return true;
  if (isFunctionLike(node)) return false;
  return getChildren(node).some((child) => containsThrow(child, depth + 1));
}

/** `Promise.reject(...)`, `assertNever(job.name)`, `job.moveToFailed(...)`, `throw` helpers. */
function isFailingExpression(node: TSESTree.Expression): boolean {
  const call = getCall(node);
  if (!call) return false;
  const name = getCalleeName(call.callee);
  if (!name) return false;
  if (name === 'reject' && call.callee.type === 'MemberExpression' && getCalleeName(call.callee.object) === 'Promise') return true;
  return FAILING_CALL.test(name);
}

/** A call that receives the job (or its name): another processor takes over, e.g. `return legacy.process(job)`. */
function isHandingOn(node: TSESTree.Expression, names: JobNames): boolean {
  const call = getCall(node);
  if (!call || call.arguments.length === 0) return false;
  const name = getCalleeName(call.callee);
  if (name && LOGGING_METHODS.has(name)) return false;
  const object = call.callee.type === 'MemberExpression' ? getCalleeName(call.callee.object) : undefined;
  if (object && /^(console|logger|log)$/i.test(object)) return false;
  return call.arguments.some((arg) => arg.type !== 'SpreadElement' && ((arg.type === 'Identifier' && arg.name === names.job) || isJobName(arg, names)));
}
