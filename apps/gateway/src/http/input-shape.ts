import type { ErrorCode } from '@shop/contracts';

/**
 * No request of this API nests deeper than 4 (an order's items, each an
 * object); 16 leaves room and stays far below what recursive code
 * (class-transformer, class-validator) survives: about 1,300 levels of
 * arrays overflowed its stack and answered 500 (issue 14).
 */
export const MAX_DEPTH = 16;

/**
 * C0 controls (NUL, ESC, newlines, tabs...), DEL and C1 controls. Every
 * string of this API is single-line text; a NUL reached PostgreSQL, which
 * refuses it in text columns, and answered 500.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A JSON `\ud800` escape parses to a lone UTF-16 surrogate, which is no
 * character at all; validator's isEmail (`encodeURI`) threw on one and
 * answered 500 (found by the fuzzer). Refused like a control character.
 */
// Node 20 has String#isWellFormed (ES2024); the project's TypeScript lib is older.
type WellFormedCheck = string & { isWellFormed(): boolean };
function stringProblem(text: string): ErrorCode | undefined {
  if (CONTROL_CHARACTER.test(text)) return 'REQUEST.CONTROL_CHARACTER';
  if (!(text as WellFormedCheck).isWellFormed()) return 'REQUEST.MALFORMED_UNICODE';
  return undefined;
}

/**
 * The first reason a parsed JSON value (or query) is not acceptable input, or
 * undefined. Iterative, so the check itself cannot overflow the stack on the
 * input it exists to refuse. Object keys are strings too and are checked.
 */
export function inputShapeProblem(value: unknown, maxDepth = MAX_DEPTH): ErrorCode | undefined {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop() as { value: unknown; depth: number };
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) return problem;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return 'REQUEST.TOO_DEEP';
    for (const [key, child] of Object.entries(current)) {
      const problem = stringProblem(key);
      if (problem) return problem;
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}
