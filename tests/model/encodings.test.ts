import { describe, expect, it } from 'vitest';
import { getLostTypes } from '../../src/model/encodings.js';
import type { TypeShape } from '../../src/model/type-shape.js';

const ref = (name: string): TypeShape => ({ k: 'ref', name });
const prim = (name: 'string' | 'number' | 'bigint' | 'symbol' | 'null'): TypeShape => ({ k: 'prim', name });
const names = (shape: TypeShape, encoding: 'json' | 'bson' = 'json') => getLostTypes(shape, encoding).map((lost) => `${lost.name}@${lost.path}`);

describe('what an encoding loses', () => {
  it('JSON loses dates, maps, sets, functions and bigints, wherever they sit', () => {
    expect(names(ref('Date'))).toEqual(['Date@']);
    expect(names({ k: 'array', of: ref('Map') })).toEqual(['Map@[]']);
    expect(names({ k: 'object', fields: { window: { type: { k: 'object', fields: { from: { type: ref('Date'), optional: false } } }, optional: true } } })).toEqual(['Date@window.from']);
    expect(names({ k: 'record', value: ref('Set') })).toEqual(['Set@[key]']);
    expect(names({ k: 'tuple', of: [prim('string'), prim('bigint')] })).toEqual(['bigint@[1]']);
    expect(names({ k: 'and', of: [ref('Base'), { k: 'object', fields: { done: { type: ref('Function'), optional: false } } }] })).toEqual(['Function@done']);
  });

  it('gives each lost type once, at its first place', () => {
    expect(names({ k: 'object', fields: { a: { type: ref('Date'), optional: false }, b: { type: ref('Date'), optional: false }, c: { type: ref('Map'), optional: false } } })).toEqual(['Date@a', 'Map@c']);
  });

  it('keeps a union that admits what arrives: `Date | string` is read as the string it is', () => {
    expect(names({ k: 'union', of: [ref('Date'), prim('string')] })).toEqual([]);
    expect(names({ k: 'union', of: [ref('Date'), prim('null')] })).toEqual(['Date@']);
    expect(names({ k: 'union', of: [ref('Map'), prim('string')] })).toEqual(['Map@']);
  });

  it('BSON keeps dates and regular expressions, and still loses maps and functions', () => {
    expect(names(ref('Date'), 'bson')).toEqual([]);
    expect(names(ref('RegExp'), 'bson')).toEqual([]);
    expect(names(ref('Map'), 'bson')).toEqual(['Map@']);
    expect(names(ref('Function'), 'bson')).toEqual(['Function@']);
    // What BSON makes of a bigint depends on the driver's options: unknown, never a finding.
    expect(names(prim('bigint'), 'bson')).toEqual([]);
  });

  it('says nothing of what it cannot evaluate, nor of plain data', () => {
    expect(names({ k: 'opaque' })).toEqual([]);
    expect(names(ref('Payload'))).toEqual([]);
    expect(names({ k: 'any' })).toEqual([]);
    expect(names({ k: 'object', fields: { id: { type: prim('number'), optional: false }, tags: { type: { k: 'array', of: prim('string') }, optional: true } } })).toEqual([]);
  });

  it('says what arrives, and when the enqueue itself fails', () => {
    expect(getLostTypes(ref('Date'), 'json')[0]).toMatchObject({ type: 'Date', arrives: 'an ISO date string' });
    expect(getLostTypes(prim('bigint'), 'json')[0]).toMatchObject({ type: 'bigint', failsAtEnqueue: true });
  });
});
