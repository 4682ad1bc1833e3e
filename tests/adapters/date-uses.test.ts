import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { getDateUses } from '../../src/adapters/shared/date-uses.js';

/** The Date uses of the first function in `code`. */
function usesOf(code: string): string[] | undefined {
  const program = parse(code, { range: true });
  const statement = program.body[0]!;
  const fn = (statement.type === 'ExpressionStatement' ? statement.expression : statement) as TSESTree.FunctionLike;
  return getDateUses(fn.params, code.slice(fn.body!.range[0], fn.body!.range[1]));
}

describe('where a handler uses a member as a Date', () => {
  it('reads calls of Date methods on parameters, destructured parameters and their members', () => {
    expect(usesOf('async (job) => job.data.sentAt.getTime()')).toEqual(['job.data.sentAt.getTime']);
    expect(usesOf('function f({ sentAt, window: { from } }) { return [sentAt.toISOString(), from.getHours()]; }')).toEqual(['sentAt.toISOString', 'window.from.getHours']);
    expect(usesOf('function f(id, at) { return at?.getUTCFullYear(); }')).toEqual(['at.getUTCFullYear']);
  });

  it('follows a destructuring of a parameter in the body', () => {
    expect(usesOf('async function f(job) { const { sentAt, dueAt: due } = job.data; return sentAt.getTime() + due.getDate(); }')).toEqual(['job.data.sentAt.getTime', 'job.data.dueAt.getDate']);
  });

  it('ignores values that do not come from a parameter, parsed dates, and methods strings also have', () => {
    expect(usesOf('function f(job) { const when = new Date(job.data.sentAt); return when.getTime(); }')).toBeUndefined();
    expect(usesOf('function f(job) { return trace.timestamp.getTime(); }')).toBeUndefined();
    expect(usesOf('function f(job) { return job.data.sentAt.toLocaleString() + new Date(job.data.at).getTime(); }')).toBeUndefined();
    expect(usesOf('function f() { return Date.now(); }')).toBeUndefined();
  });
});
