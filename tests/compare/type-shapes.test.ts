/**
 * Payload types compared by assignability, per direction: old payloads reach new workers (every
 * value of the old type must be a value of the new one), new payloads reach old workers (the
 * reverse). `undefined` is a verdict of its own: the model cannot know, and no finding is made.
 */
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getTypeShape } from '../../src/adapters/shared/type-shapes.js';
import { getRejectedExample, isAssignable, type TypeShape } from '../../src/model/type-shape.js';

function shapeOf(type: string): TypeShape {
  const program = parse(`type T = ${type};`, { range: true });
  const alias = program.body[0] as TSESTree.TSTypeAliasDeclaration;
  return getTypeShape(alias.typeAnnotation);
}

type Verdict = boolean | undefined;

/** [old type, new type, old payload → new worker, new payload → old worker] */
const PAIRS: Array<[string, string, Verdict, Verdict]> = [
  // The same type, written differently.
  ['string', 'string', true, true],
  ['string[]', 'Array<string>', true, true],
  ["'a' | 'b'", "'b' | 'a'", true, true],
  ['{ id: string; n: number }', '{ n: number; id: string }', true, true],
  ['readonly string[]', 'string[]', true, true],
  ['Readonly<{ id: string }>', '{ id: string }', true, true],
  // The false error of the development set: both accept every value.
  ['Record<string, any>', 'Record<string, unknown>', true, true],
  ['{ [key: string]: any }', 'Record<string, unknown>', true, true],
  // Widenings: silent for old payloads; new ones may not fit old workers.
  ['string', 'string | number', true, false],
  ["'a' | 'b'", "'a' | 'b' | 'c'", true, false],
  ["'a'", 'string', true, false],
  ['number', 'number | null', true, false],
  ['string', 'unknown', true, false],
  ['string', 'any', true, undefined],
  ['1 | 2', 'number', true, false],
  ['true', 'boolean', true, false],
  ['boolean', 'true | false', true, true],
  ['string[]', '(string | number)[]', true, false],
  ['[string, number]', '(string | number)[]', true, false],
  ['{ id: string; extra: number }', '{ id: string }', true, false],
  ['{ id: string }', '{ id: string; note?: string }', true, true],
  ['{ a: string; b: number }', 'Record<string, string | number>', true, false],
  ['Pick<{ a: string; b: number }, "a">', '{ a: string }', true, true],
  ['Omit<{ a: string; b: number }, "b">', '{ a: string }', true, true],
  ['Required<{ a?: string }>', 'Partial<{ a: string }>', true, false],
  ['{ a: string } & { b: number }', '{ a: string; b: number }', true, true],
  ['NonNullable<string | null>', 'string', true, true],
  // Narrowings: old payloads break new workers.
  ['string | number', 'string', false, true],
  ["'a' | 'b' | 'c'", "'a' | 'b'", false, true],
  ['string', 'number', false, false],
  ['number', '`${number}`', false, false],
  ['string | null', 'string', false, true],
  ['unknown', 'string', false, true],
  ['string[]', 'string', false, false],
  ['string[]', '[string]', false, true],
  ['{ id: string }', '{ id: number }', false, false],
  ['{ id: string; note?: string }', '{ id: string; note: string }', false, true],
  ['Record<string, string>', '{ a: string }', false, true],
  ['Date', 'string', false, false],
  ['{ at: Date }', '{ at: string }', false, false],
  ['number[][]', 'string[][]', false, false],
  // Unknown: a type the model does not evaluate makes no verdict, never a finding.
  ['Payload', 'OtherPayload', undefined, undefined],
  ['Payload', 'Payload', true, true],
  ['Job<Payload>', 'Job<Payload>', true, true],
  ['T extends string ? A : B', 'string', undefined, undefined],
  ['typeof x', 'string', undefined, undefined],
  ['any', 'string', undefined, true],
  ['Partial<Base>', '{ id: string }', undefined, undefined],
];

describe('payload types compared by assignability', () => {
  it(`has a verdict for each of ${PAIRS.length} pairs, in each direction`, () => {
    expect(PAIRS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PAIRS)('%s → %s: old to new %s, new to old %s', (previous, current, oldToNew, newToOld) => {
    expect(isAssignable(shapeOf(previous), shapeOf(current))).toBe(oldToNew);
    expect(isAssignable(shapeOf(current), shapeOf(previous))).toBe(newToOld);
  });

  it.each([
    ['string | number', 'string', '0'],
    ["'a' | 'b' | 'c'", "'a' | 'b'", '"c"'],
    ['string | null', 'string', 'null'],
    ['Date', 'string', 'new Date()'],
  ])('names an old value that %s allows and %s rejects: %s', (previous, current, example) => {
    expect(getRejectedExample(shapeOf(previous), shapeOf(current))).toBe(example);
  });
});

/** Shapes of the forms the reader writes, small enough to stay readable when a property fails. */
const shapes: fc.Arbitrary<TypeShape> = fc.letrec<{ shape: TypeShape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<TypeShape>({ k: 'prim', name: 'string' }, { k: 'prim', name: 'number' }, { k: 'prim', name: 'boolean' }, { k: 'prim', name: 'null' }, { k: 'any' }, { k: 'unknown' }, { k: 'opaque' }),
    fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 3 }), fc.boolean()).map((value): TypeShape => ({ k: 'lit', value })),
    fc.array(tie('shape'), { minLength: 1, maxLength: 3 }).map((of): TypeShape => ({ k: 'union', of })),
    tie('shape').map((of): TypeShape => ({ k: 'array', of })),
    fc.array(tie('shape'), { maxLength: 3 }).map((of): TypeShape => ({ k: 'tuple', of })),
    tie('shape').map((value): TypeShape => ({ k: 'record', value })),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.record({ type: tie('shape'), optional: fc.boolean() }), { maxKeys: 3 }).map((fields): TypeShape => ({ k: 'object', fields })),
    fc.constantFrom<TypeShape>({ k: 'ref', name: 'Payload' }, { k: 'ref', name: 'Date' }),
  ),
})).shape;

describe('assignability properties', () => {
  it('a type is never incompatible with itself', () => {
    fc.assert(fc.property(shapes, (shape) => isAssignable(shape, shape) !== false));
  });

  it('a type is never incompatible with a widening of it: a union that adds members, an optional field, any or unknown', () => {
    fc.assert(
      fc.property(shapes, shapes, (shape, extra) => {
        const widenings: TypeShape[] = [{ k: 'union', of: [shape, extra] }, { k: 'union', of: [extra, shape] }, { k: 'unknown' }, { k: 'any' }, { k: 'array', of: shape }];
        const asArray = isAssignable({ k: 'array', of: shape }, widenings[4]!) !== false;
        const asField = isAssignable({ k: 'object', fields: { a: { type: shape, optional: false } } }, { k: 'object', fields: { a: { type: shape, optional: true } } }) !== false;
        return widenings.slice(0, 4).every((wider) => isAssignable(shape, wider) !== false) && asArray && asField;
      }),
    );
  });

});
