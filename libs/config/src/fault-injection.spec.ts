import { ConfigError } from './lab-mode';
import { FaultDelays } from './fault-injection';

describe('FaultDelays (SHOP_FAULT_DELAY)', () => {
  it('is refused outside test and lab: no fault injection in a real shop', () => {
    expect(() => FaultDelays.parse('production', 'Charge:4000')).toThrow(ConfigError);
    expect(() => FaultDelays.parse('development', 'Charge:4000')).toThrow(ConfigError);
    expect(FaultDelays.parse('production', undefined).active).toBe(false);
  });

  it('rejects a malformed entry with a clear message', () => {
    expect(() => FaultDelays.parse('test', 'Charge=4000')).toThrow('must look like Method:ms[:count]');
  });

  it('delays only the named method, and only as many calls as asked', async () => {
    const faults = FaultDelays.parse('lab', 'Charge:60:1');
    const timed = async (method: string) => {
      const started = performance.now();
      await faults.before(method);
      return performance.now() - started;
    };
    expect(await timed('Refund')).toBeLessThan(30);
    expect(await timed('Charge')).toBeGreaterThanOrEqual(55);
    expect(await timed('Charge')).toBeLessThan(30);
  });
});
