import { answerProblem } from './answer-check';

const problem = (code: string, status: number) => JSON.stringify({ type: `urn:shop:problem:${code}`, code, status });
const PJ = 'application/problem+json; charset=utf-8';

describe('answerProblem', () => {
  it('accepts successes and problem+json errors with a catalogue code and their own status', () => {
    expect(answerProblem('GET', 200, 'application/json', '{}')).toBeUndefined();
    expect(answerProblem('POST', 400, PJ, problem('REQUEST.TOO_DEEP', 400))).toBeUndefined();
    expect(answerProblem('HEAD', 404, PJ, '')).toBeUndefined();
  });

  it.each([
    ['a 500', 'GET', 500, PJ, problem('INTERNAL', 500), 'answered 500'],
    ["Node's bare 400", 'GET', 400, undefined, '', 'error 400 as no content type'],
    ['an HTML error page', 'GET', 404, 'text/html', '<h1>no</h1>', 'error 404 as text/html'],
    ['a problem that is not JSON', 'GET', 400, PJ, 'oops', 'error 400 with a body that is not JSON'],
    ['a made-up code', 'GET', 400, PJ, problem('NOPE', 400), 'error 400 without a stable code from the catalogue'],
    ['a status that disagrees', 'GET', 400, PJ, problem('REQUEST.TOO_DEEP', 422), 'problem status 422 differs from HTTP 400'],
  ])('flags %s', (_label, method, status, type, text, reason) => {
    expect(answerProblem(method, status, type, text)).toBe(reason);
  });
});
