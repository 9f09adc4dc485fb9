import { randomUUID } from 'node:crypto';
import { ShopError, type Principal } from '@shop/contracts';
import type { ShopMetrics } from '@shop/observability';
import type { SecurityEvents } from '@shop/security/audit';
import { captureSecurityEvents } from '@shop/testing';
import { RoleCheck } from './role-check';

let lines: Record<string, unknown>[];
let metrics: ShopMetrics;
let events: SecurityEvents;

beforeEach(() => {
  ({ lines, metrics, events } = captureSecurityEvents('order'));
});

const principal = (...roles: string[]): Principal => ({ sub: randomUUID(), roles, scope: ['orders:read'], jti: randomUUID() });

function check(enforced: boolean, who: Principal): string {
  try {
    new RoleCheck(enforced, events).require(who, 'admin');
    return 'allowed';
  } catch (error) {
    if (error instanceof ShopError) return error.code;
    throw error;
  }
}

async function accessDeniedCount(): Promise<number> {
  const text = await metrics.registry.getSingleMetricAsString('shop_security_events_total');
  const sample = text.split('\n').find((line) => line.includes('event="access_denied"') && line.includes('reason="missing_role"'));
  return sample ? Number(sample.split(' ').at(-1)) : 0;
}

describe('RoleCheck', () => {
  it('lets an admin through without an event', async () => {
    expect(check(true, principal('customer', 'admin'))).toBe('allowed');
    expect(lines).toEqual([]);
    expect(await accessDeniedCount()).toBe(0);
  });

  it('refuses a customer with AUTH.FORBIDDEN and an access_denied event naming the user', async () => {
    const customer = principal('customer');
    expect(check(true, customer)).toBe('AUTH.FORBIDDEN');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      securityEvent: 'access_denied',
      reason: 'missing_role',
      user: customer.sub,
      detail: { role: 'admin' },
    });
    expect(await accessDeniedCount()).toBe(1);
  });

  it('does not match roles by prefix or case', () => {
    expect(check(true, principal('Admin'))).toBe('AUTH.FORBIDDEN');
    expect(check(true, principal('admin '))).toBe('AUTH.FORBIDDEN');
    expect(check(true, principal('administrator'))).toBe('AUTH.FORBIDDEN');
  });

  it('lets everyone through when not enforced (lab mode), without an event', async () => {
    expect(check(true, principal('customer'))).toBe('AUTH.FORBIDDEN');
    lines.length = 0;
    metrics.securityEvents.reset();

    expect(check(false, principal('customer'))).toBe('allowed');
    expect(lines).toEqual([]);
    expect(await accessDeniedCount()).toBe(0);
  });
});
