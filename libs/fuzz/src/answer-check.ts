import { isErrorCode } from '@shop/contracts';

/** Why an answer breaks the contract "no 5xx, every error problem+json with its own status", or undefined. */
export function answerProblem(method: string, status: number, contentType: string | undefined, text: string): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return undefined;
  if (!contentType?.startsWith('application/problem+json')) return `error ${status} as ${contentType ?? 'no content type'}`;
  if (method === 'HEAD') return undefined; // no body, by definition
  let problem: { code?: unknown; status?: unknown };
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    return `error ${status} with a body that is not JSON`;
  }
  if (!isErrorCode(problem.code)) return `error ${status} without a stable code from the catalogue`;
  if (problem.status !== status) return `problem status ${String(problem.status)} differs from HTTP ${status}`;
  return undefined;
}
