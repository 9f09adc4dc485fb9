import { ShopMetrics, createLogger, requestContext } from '@shop/observability';
import { SecurityEvents } from './security-events';

function setUp() {
  const lines: Array<Record<string, unknown>> = [];
  const metrics = new ShopMetrics('payment');
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { lines, metrics, events: new SecurityEvents(createLogger({ service: 'payment', level: 'info', destination }), metrics) };
}

async function tokenFailures(metrics: ShopMetrics) {
  return (await metrics.tokenValidationFailures.get()).values.map((v) => ({ ...v.labels, value: v.value }));
}

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('SecurityEvents', () => {
  it('counts a refused passport under the workload that presented it, and logs the trace id', async () => {
    const { lines, metrics, events } = setUp();
    requestContext.run({ requestId: 'req-12345678', traceparent: TRACEPARENT, peer: 'spiffe://shop.local/ns/shop/sa/order' }, () =>
      events.emit('passport_invalid', { reason: 'expired' }),
    );
    expect(await tokenFailures(metrics)).toEqual([{ kind: 'passport', source: 'order', reason: 'expired', value: 1 }]);
    expect(lines[0]).toMatchObject({ securityEvent: 'passport_invalid', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', peer: 'spiffe://shop.local/ns/shop/sa/order' });
  });

  it('counts refused access tokens as the edge source, and nothing else as a token failure', async () => {
    const { metrics, events } = setUp();
    events.emit('auth_failed', { reason: 'token_bad_signature' });
    events.emit('auth_failed', { reason: 'bad_password' });
    events.emit('peer_denied', { reason: 'not_allowed' });
    expect(await tokenFailures(metrics)).toEqual([{ kind: 'access', source: 'edge', reason: 'token_bad_signature', value: 1 }]);
  });

  it('folds an unknown presenter of a passport into one label value', async () => {
    const { metrics, events } = setUp();
    events.emit('passport_invalid', { reason: 'missing', peer: 'spiffe://evil.example/ns/x/sa/random-1234' });
    expect(await tokenFailures(metrics)).toEqual([{ kind: 'passport', source: 'unknown', reason: 'missing', value: 1 }]);
  });

  it('hands the events of a diverted request id to its observer only, and stops when told', async () => {
    const { lines, metrics, events } = setUp();
    const seen: unknown[] = [];
    const peer = 'spiffe://shop.local/ns/shop/sa/payment';
    const emitAs = (requestId: string) => requestContext.run({ requestId, traceparent: TRACEPARENT, peer }, () => events.emit('peer_denied', { reason: 'not_allowed' }));
    const restore = events.divert('startup-self-check-0123456789', (event) => seen.push(event));
    emitAs('startup-self-check-0123456789');
    emitAs('req-12345678');
    restore();
    emitAs('startup-self-check-0123456789');
    expect(seen).toEqual([{ event: 'peer_denied', reason: 'not_allowed', peer }]);
    expect(lines.map((line) => line['correlationId'])).toEqual(['req-12345678', 'startup-self-check-0123456789']);
    expect((await metrics.securityEvents.get()).values.map((v) => v.value)).toEqual([2]);
  });
});
