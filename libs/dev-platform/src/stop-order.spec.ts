import { SERVICE_NAMES } from '@shop/topology';
import { stopStages } from './stop-order';

describe('stopStages', () => {
  it('stops callers before the services they call: gateway, then auth and order, then inventory and payment', () => {
    expect(stopStages(SERVICE_NAMES)).toEqual([['gateway'], ['auth', 'order'], ['inventory', 'payment']]);
  });

  it('orders any subset the same way', () => {
    expect(stopStages(['payment', 'order'])).toEqual([['order'], ['payment']]);
  });
});
