import { MAX_DEPTH, inputShapeProblem } from './input-shape';

function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 ? { a: value } : [value];
  return value;
}

describe('inputShapeProblem', () => {
  it('accepts the shapes this API takes', () => {
    expect(inputShapeProblem({ items: [{ productId: 'p', quantity: 2 }], payment: { number: '4242', cvc: '123' } })).toBeUndefined();
    expect(inputShapeProblem({ displayName: 'Zoë 🙂 O’Brien', email: 'a@b.example' })).toBeUndefined();
    expect(inputShapeProblem(undefined)).toBeUndefined();
    expect(inputShapeProblem(nested(MAX_DEPTH))).toBeUndefined();
  });

  it('refuses nesting past the bound', () => {
    expect(inputShapeProblem(nested(MAX_DEPTH + 1))).toBe('REQUEST.TOO_DEEP');
  });

  // Issue 14 item 6: ~1,300 levels of arrays overflowed class-transformer's stack.
  it('refuses 100,000 levels without overflowing its own stack', () => {
    expect(inputShapeProblem(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBe('REQUEST.TOO_DEEP');
  });

  // Found by the fuzzer: validator's isEmail threw URIError on these and the gateway answered 500.
  it.each([['\ud800'], ['a\udfffb'], ['\udc00\ud800']])('refuses the lone surrogate in %p with REQUEST.MALFORMED_UNICODE', (text) => {
    expect(inputShapeProblem({ email: text })).toBe('REQUEST.MALFORMED_UNICODE');
    expect(inputShapeProblem({ [text]: 1 })).toBe('REQUEST.MALFORMED_UNICODE');
  });

  it('accepts surrogate pairs (emoji and other astral characters)', () => {
    expect(inputShapeProblem({ displayName: '\ud83d\ude42 𝄞' })).toBeUndefined();
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a newline', 'line\nbreak'],
    ['a tab', 'a\tb'],
    ['ESC', '\u001b[31m'],
    ['DEL', 'x\u007f'],
    ['a C1 control', '\u0085'],
  ])('refuses %s in a string value, a nested one and a key', (_label, text) => {
    expect(inputShapeProblem({ displayName: text })).toBe('REQUEST.CONTROL_CHARACTER');
    expect(inputShapeProblem({ items: [{ productId: text }] })).toBe('REQUEST.CONTROL_CHARACTER');
    expect(inputShapeProblem({ [text]: 1 })).toBe('REQUEST.CONTROL_CHARACTER');
  });
});
