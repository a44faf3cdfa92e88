import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys, so key order does not matter', () => {
    expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
    expect(canonicalJson({ c: 3, a: 2, b: 1 })).toBe(canonicalJson({ a: 2, b: 1, c: 3 }));
  });

  it('gives the same bytes for objects built in any key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(dict));
      }),
    );
  });

  it('sorts nested objects, including those inside arrays, and keeps array order', () => {
    const value = { z: [{ y: 1, x: [true, null, 's'] }, 2], a: { d: { c: 1, b: [3, 1, 2] } } };
    expect(canonicalJson(value)).toBe(
      '{"a":{"d":{"b":[3,1,2],"c":1}},"z":[{"x":[true,null,"s"],"y":1},2]}',
    );
  });

  it('writes no whitespace', () => {
    expect(canonicalJson({ a: [1, 2], b: { c: 'x y' } })).toBe('{"a":[1,2],"b":{"c":"x y"}}');
  });

  it('writes scalars as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(canonicalJson('Übermittlung 跨境')).toBe('"Übermittlung 跨境"');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1.0)).toBe('1');
    expect(canonicalJson(0.1)).toBe('0.1');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(-12.5)).toBe('-12.5');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('sorts keys by UTF-16 code units (RFC 8785)', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, é: 4, '1': 5 })).toBe(
      '{"1":5,"B":3,"a":2,"b":1,"é":4}',
    );
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFD.
    expect(canonicalJson({ '\uFFFD': 1, '\u{1F600}': 2 })).toBe('{"\u{1F600}":2,"\uFFFD":1}');
  });

  it('drops undefined properties', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson({ a: { b: undefined } })).toBe('{"a":{}}');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes undefined array items as null, like JSON.stringify', () => {
    expect(canonicalJson([1, undefined, 2])).toBe('[1,null,2]');
  });

  it('round-trips through JSON.parse to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['NaN in an object', { a: NaN }],
    ['Infinity in an array', [1, Infinity]],
    ['deeply nested -Infinity', { a: [{ b: -Infinity }] }],
  ])('throws a TypeError for %s', (_what, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it.each([
    ['a function', () => 1],
    ['a function property', { a: 1, f() {} }],
    ['a function in an array', [1, () => 2]],
    ['a symbol', Symbol('s')],
    ['a bigint', 1n],
    ['a bigint property', { n: 10n }],
  ])('throws a TypeError for %s', (_what, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});
