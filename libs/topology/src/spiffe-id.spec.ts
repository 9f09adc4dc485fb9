import { workloadLabelOf } from './spiffe-id';

describe('workloadLabelOf (metric label of a caller)', () => {
  it('names a shop workload', () => {
    expect(workloadLabelOf('spiffe://shop.local/ns/shop/sa/order')).toBe('order');
  });

  it('folds every other identity into bounded values', () => {
    expect(workloadLabelOf(undefined)).toBe('none');
    expect(workloadLabelOf('spiffe://shop.local/ns/shop/sa/attacker-1234')).toBe('unknown');
    expect(workloadLabelOf('order')).toBe('unknown');
    expect(workloadLabelOf('spiffe://shop.local/ns/shop/sa/order/extra')).toBe('unknown');
  });
});
