import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Hop, HopOutcome, HopStart, HopTracer } from './hop-tracer';

export interface OtelTracingOptions {
  readonly service: string;
  /** The full OTLP/HTTP traces URL (`…/v1/traces`). */
  readonly tracesUrl: string;
  /**
   * Tests only: where finished spans go instead of the OTLP batch exporter (whose
   * lazy `import('http')` Jest's VM cannot run; the e2e test covers the export).
   */
  readonly spanProcessor?: SpanProcessor;
}

type Carrier = { traceparent?: string };

/**
 * Spans through the OpenTelemetry Node SDK, exported over OTLP/HTTP in batches.
 * The provider is not registered globally and no auto-instrumentation runs: the
 * platform's own request context (AsyncLocalStorage) carries the traceparent,
 * and the propagator turns it into a parent context and back, so the header
 * format is the SDK's, not ours.
 */
export class OtelHopTracer implements HopTracer {
  readonly exporting = true;
  private readonly provider: NodeTracerProvider;
  private readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();

  constructor(options: OtelTracingOptions) {
    this.provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.service }),
      spanProcessors: [options.spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter({ url: options.tracesUrl }))],
    });
    this.tracer = this.provider.getTracer('@shop/observability');
  }

  serverHop(start: HopStart): Hop {
    return this.hop(start, SpanKind.SERVER);
  }

  clientHop(start: HopStart): Hop {
    return this.hop(start, SpanKind.CLIENT);
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }

  private hop(start: HopStart, kind: SpanKind): Hop {
    const parent = this.propagator.extract(ROOT_CONTEXT, { traceparent: start.parent } satisfies Carrier, {
      get: (carrier: Carrier, key) => (key === 'traceparent' ? carrier.traceparent : undefined),
      keys: () => ['traceparent'],
    });
    const span = this.tracer.startSpan(start.name, { kind, attributes: start.attributes }, parent);
    const carrier: Carrier = {};
    this.propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, {
      set: (target: Carrier, key, value) => {
        if (key === 'traceparent') target.traceparent = value;
      },
    });
    return { traceparent: carrier.traceparent as string, end: (outcome) => finish(span, outcome) };
  }
}

function finish(span: Span, outcome: HopOutcome): void {
  if (outcome.name) span.updateName(outcome.name);
  if (outcome.attributes) span.setAttributes(outcome.attributes);
  if (outcome.error) span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.status });
  span.end();
}
