import { acceptOrCreateRequestId, continueTrace, traceIdOf } from './correlation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

describe('acceptOrCreateRequestId', () => {
  it.each(['abcd1234', 'req-2024.01:ABC_def', 'x'.repeat(128)])('echoes the safe id %s', (id) => {
    expect(acceptOrCreateRequestId(id)).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['too short', 'abc1234'],
    ['too long', 'x'.repeat(129)],
    ['a log-injection attempt', 'abcdefgh\n{"level":"fatal"}'],
    ['spaces', 'abcd 1234'],
    ['non-ASCII', 'abcdéfgh'],
  ])('replaces a %s id with a fresh UUID', (_label, id) => {
    const result = acceptOrCreateRequestId(id);
    expect(result).toMatch(UUID);
    expect(result).not.toBe(id);
  });

  it('takes the first value of a repeated header, if safe', () => {
    expect(acceptOrCreateRequestId(['first-id-1', 'second-id-2'])).toBe('first-id-1');
    expect(acceptOrCreateRequestId(['bad id', 'second-id-2'])).toMatch(UUID);
    expect(acceptOrCreateRequestId([])).toMatch(UUID);
  });
});

describe('continueTrace', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const incoming = `00-${traceId}-00f067aa0ba902b7-01`;

  it('keeps the caller\'s trace id and flags with a new span id', () => {
    const next = continueTrace(incoming);
    expect(next).toMatch(TRACEPARENT);
    expect(traceIdOf(next)).toBe(traceId);
    expect(next.split('-')[2]).not.toBe('00f067aa0ba902b7');
    expect(next.endsWith('-01')).toBe(true);
    expect(continueTrace(`00-${traceId}-00f067aa0ba902b7-00`).endsWith('-00')).toBe(true);
  });

  it('gives every hop its own span id', () => {
    expect(continueTrace(incoming)).not.toBe(continueTrace(incoming));
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['uppercase', incoming.toUpperCase()],
    ['another version', `01-${traceId}-00f067aa0ba902b7-01`],
    ['truncated', `00-${traceId.slice(1)}-00f067aa0ba902b7-01`],
    ['trailing data', `${incoming}-extra`],
    ['all-zero trace id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
  ])('starts a new sampled trace when the header is %s', (_label, header) => {
    const next = continueTrace(header);
    expect(next).toMatch(TRACEPARENT);
    expect(traceIdOf(next)).not.toBe(traceId);
    expect(traceIdOf(next)).not.toMatch(/^0+$/);
  });
});
