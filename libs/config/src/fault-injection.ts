import { ConfigError, type ShopEnv } from './lab-mode';

interface DelayRule {
  readonly ms: number;
  /** How many calls are still to be delayed. */
  remaining: number;
}

const METHOD = /^[A-Za-z]{1,64}$/;
const NUMBER = /^\d{1,6}$/;
/** Fault injection exists to prove recovery in tests and training, never in a real shop. */
const ALLOWED_ENVS: readonly ShopEnv[] = ['test', 'lab'];

/**
 * Real delays injected into named RPC handlers, from SHOP_FAULT_DELAY:
 * `Charge:4000:1,ReserveStock:4000:1` delays the first call of each by 4 s
 * (the count is optional: every call). It makes a late charge or a late
 * reservation happen for real, in a real process, so the tests of saga
 * compensation need no mocks. Refused outside SHOP_ENV=test or lab.
 */
export class FaultDelays {
  private constructor(private readonly rules: ReadonlyMap<string, DelayRule>) {}

  static none(): FaultDelays {
    return new FaultDelays(new Map());
  }

  static parse(shopEnv: ShopEnv, raw: string | undefined): FaultDelays {
    if (raw === undefined || raw.trim() === '') return FaultDelays.none();
    if (!ALLOWED_ENVS.includes(shopEnv)) throw new ConfigError(`SHOP_FAULT_DELAY is refused with SHOP_ENV=${shopEnv} (test or lab only)`);
    const rules = new Map<string, DelayRule>();
    for (const part of raw.split(',').map((p) => p.trim())) {
      const [method = '', ms = '', count, ...rest] = part.split(':');
      if (!METHOD.test(method) || !NUMBER.test(ms) || (count !== undefined && !NUMBER.test(count)) || rest.length > 0) {
        throw new ConfigError(`SHOP_FAULT_DELAY entry "${part}" must look like Method:ms[:count]`);
      }
      rules.set(method, { ms: Number(ms), remaining: count === undefined ? Infinity : Number(count) });
    }
    return new FaultDelays(rules);
  }

  get active(): boolean {
    return this.rules.size > 0;
  }

  /** Waits as configured for `method` (no-op when no rule matches or its count is spent). */
  async before(method: string): Promise<void> {
    const rule = this.rules.get(method);
    if (!rule || rule.remaining <= 0) return;
    rule.remaining--;
    await new Promise((resolve) => setTimeout(resolve, rule.ms));
  }
}
