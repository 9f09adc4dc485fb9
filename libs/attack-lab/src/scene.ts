import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { DEMO_ACCOUNTS, DEMO_PRODUCT_IDS } from '@shop/contracts';
import type { LabTarget } from './lab-target';

export const GOOD_CARD = { cardNumber: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' };

const [ALICE, BOB, ADMIN] = DEMO_ACCOUNTS;

/**
 * Victims and their data, created through the public API on first use and
 * shared by the attacks of one run.
 */
export class Scene {
  private cache = new Map<string, Promise<unknown>>();

  constructor(private readonly target: LabTarget) {}

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as Promise<T>;
  }

  aliceToken(): Promise<string> {
    return this.once('alice', async () => (await this.target.api.login(ALICE.email, ALICE.password)).accessToken);
  }

  bobToken(): Promise<string> {
    return this.once('bob', async () => (await this.target.api.login(BOB.email, BOB.password)).accessToken);
  }

  /** The shop's admin: a stolen admin session, or an admin tricked into pasting a URL. */
  adminToken(): Promise<string> {
    return this.once('admin', async () => (await this.target.api.login(ADMIN.email, ADMIN.password)).accessToken);
  }

  async aliceId(): Promise<string> {
    return decodeJwt(await this.aliceToken()).sub as string;
  }

  async bobId(): Promise<string> {
    return decodeJwt(await this.bobToken()).sub as string;
  }

  /** A confirmed order of Alice's: the object Bob wants. */
  aliceOrderId(): Promise<string> {
    return this.once('alice-order', async () => {
      const response = await this.target.api.post<{ id: string }>(
        '/api/v1/orders',
        { items: [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1 }], payment: GOOD_CARD },
        { token: await this.aliceToken(), headers: { 'Idempotency-Key': `lab-${randomUUID()}` } },
      );
      if (response.status !== 201) throw new Error(`lab setup: could not create Alice's order: ${response.status} ${response.text}`);
      return response.body.id;
    });
  }

  /** A fresh account nobody else uses (brute force locks accounts). */
  async freshAccount(label: string): Promise<{ email: string; password: string }> {
    const email = `${label}-${randomUUID().slice(0, 8)}@lab.local`;
    const password = `pw-${randomUUID()}`;
    const response = await this.target.api.patiently(`register ${email}`, () => this.target.api.post('/api/v1/auth/register', { email, password, displayName: label }));
    if (response.status !== 201) throw new Error(`lab setup: could not register ${email}: ${response.status} ${response.text}`);
    return { email, password };
  }
}
