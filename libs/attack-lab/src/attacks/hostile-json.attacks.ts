import { randomUUID } from 'node:crypto';
import { blocked, httpVerdict, succeeded, type Attack, type AttackResult } from '../attack';
import type { ErrorCode } from '@shop/contracts';

/** A 500 is what the attacker wanted (an unhandled path, a stack overflow); the stable code is the block. */
function crashVerdict(status: number, code: unknown, expected: ErrorCode): AttackResult {
  if (status >= 500) return succeeded(`${status} ${String(code)}: the input reached code that could not cope`);
  if (code === expected) return blocked(`${status} ${String(code)}`);
  return httpVerdict(status, code, expected);
}

/** Input that crashed code behind the DTOs (issue 14 item 6). */
export const HOSTILE_JSON_ATTACKS: readonly Attack[] = [
  {
    id: 'json-nesting-stack-overflow',
    title: 'Log in with a body of arrays nested 5,000 deep (10 KB)',
    controls: ['input-shape'],
    run: async (target) => {
      // The pentest saw ~1,300 levels overflow; how deep is enough depends on the stack already in use.
      const response = await target.api.post('/api/v1/auth/login', `${'['.repeat(5_000)}${']'.repeat(5_000)}`);
      return crashVerdict(response.status, response.body['code'], 'REQUEST.TOO_DEEP');
    },
  },
  {
    id: 'nul-in-string-to-database',
    title: 'Register with a NUL character in the display name',
    controls: ['input-shape'],
    run: async (target) => {
      const email = `nul-${randomUUID().slice(0, 8)}@lab.local`;
      const response = await target.api.post('/api/v1/auth/register', { email, password: `pw-${randomUUID()}`, displayName: 'Mallory\u0000' });
      return crashVerdict(response.status, response.body['code'], 'REQUEST.CONTROL_CHARACTER');
    },
  },
];
