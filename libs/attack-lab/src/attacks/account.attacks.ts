import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { blocked, succeeded, type Attack } from '../attack';

/** Everything of an answer but the echoed email: what must not differ between a taken and a new address. */
const shapeOf = (response: { status: number; body: Record<string, unknown> }) => JSON.stringify({ status: response.status, keys: Object.keys(response.body).sort(), code: response.body['code'] ?? null });

/** OWASP API2 / WSTG-IDNT-04: learning which emails have accounts. */
export const ACCOUNT_ATTACKS: readonly Attack[] = [
  {
    id: 'register-enumeration',
    title: "Learn whether an email has an account by registering it (Alice's vs a new one)",
    controls: [],
    run: async (target) => {
      const register = (email: string) => target.api.post('/api/v1/auth/register', { email, password: `pw-${randomUUID()}`, displayName: 'Probe' });
      const taken = await register(DEMO_ACCOUNTS[0].email);
      const fresh = await register(`probe-${randomUUID().slice(0, 8)}@lab.local`);
      const evidence = `taken: ${taken.status} ${String(taken.body['code'] ?? '')}, new: ${fresh.status}`;
      if (taken.status >= 500 || fresh.status >= 500) throw new Error(evidence);
      return shapeOf(taken) === shapeOf(fresh) ? blocked(`${evidence}, same body`) : succeeded(evidence);
    },
  },
];
