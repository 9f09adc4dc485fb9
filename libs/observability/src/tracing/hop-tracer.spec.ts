import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { traceIdOf } from '../correlation';
import { createHopTracer } from './create-hop-tracer';
import { NO_EXPORT_TRACER } from './hop-tracer';
import { OtelHopTracer } from './otel-hop-tracer';

const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/;
const spanIdOf = (traceparent: string) => traceparent.slice(36, 52);

describe('the no-export tracer (no OTLP endpoint)', () => {
  it('is what createHopTracer gives without an endpoint; with one it exports', () => {
    expect(createHopTracer('order', undefined)).toBe(NO_EXPORT_TRACER);
    expect(createHopTracer('order', 'http://127.0.0.1:4318/v1/traces').exporting).toBe(true);
  });

  it("keeps the caller's trace id with a fresh span id, or starts a trace", () => {
    const hop = NO_EXPORT_TRACER.serverHop({ name: 'x', parent: PARENT });
    expect(traceIdOf(hop.traceparent)).toBe(traceIdOf(PARENT));
    expect(spanIdOf(hop.traceparent)).not.toBe(spanIdOf(PARENT));
    const fresh = NO_EXPORT_TRACER.clientHop({ name: 'x', parent: 'garbage' });
    expect(fresh.traceparent).toMatch(TRACEPARENT);
    expect(traceIdOf(fresh.traceparent)).not.toBe(traceIdOf(PARENT));
  });
});

describe('the OpenTelemetry tracer', () => {
  const exporter = new InMemorySpanExporter();
  const tracer = new OtelHopTracer({ service: 'order', tracesUrl: 'http://127.0.0.1:9/v1/traces', spanProcessor: new SimpleSpanProcessor(exporter) });
  afterAll(() => tracer.shutdown());
  beforeEach(() => exporter.reset());

  it('records a server span under the caller and a client span under it, with the ids it propagates', () => {
    const served = tracer.serverHop({ name: 'shop.order.v1.OrderService/PlaceOrder', parent: PARENT, attributes: { 'rpc.system': 'grpc' } });
    const called = tracer.clientHop({ name: 'shop.payment.v1.PaymentService/Charge', parent: served.traceparent });
    expect([served.traceparent, called.traceparent]).toEqual([expect.stringMatching(TRACEPARENT), expect.stringMatching(TRACEPARENT)]);
    called.end({ status: 'UNAVAILABLE', error: true });
    served.end({ status: 'OK', error: false, name: 'renamed', attributes: { 'rpc.grpc.status_code': 0 } });

    const spans = exporter.getFinishedSpans().map((s) => ({
      name: s.name,
      traceId: s.spanContext().traceId,
      spanId: s.spanContext().spanId,
      parent: s.parentSpanContext?.spanId,
      status: s.status.code,
      service: s.resource.attributes['service.name'],
    }));
    expect(spans).toEqual([
      { name: 'shop.payment.v1.PaymentService/Charge', traceId: traceIdOf(PARENT), spanId: spanIdOf(called.traceparent), parent: spanIdOf(served.traceparent), status: 2, service: 'order' },
      { name: 'renamed', traceId: traceIdOf(PARENT), spanId: spanIdOf(served.traceparent), parent: spanIdOf(PARENT), status: 0, service: 'order' },
    ]);
  });

  it('honours an unsampled caller: the trace goes on, nothing is recorded', () => {
    const hop = tracer.serverHop({ name: 'x', parent: PARENT.replace(/-01$/, '-00') });
    hop.end({ status: 'OK', error: false });
    expect(hop.traceparent).toMatch(TRACEPARENT);
    expect([traceIdOf(hop.traceparent), hop.traceparent.slice(-2)]).toEqual([traceIdOf(PARENT), '00']);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('starts a new trace for a missing, malformed or all-zero traceparent', () => {
    for (const parent of [undefined, 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01']) {
      const hop = tracer.serverHop({ name: 'x', parent });
      hop.end({ status: 'OK', error: false });
      expect(hop.traceparent).toMatch(TRACEPARENT);
      expect(traceIdOf(hop.traceparent)).not.toMatch(/^0+$/);
    }
    expect(exporter.getFinishedSpans().every((s) => s.parentSpanContext === undefined)).toBe(true);
  });
});
