import { NO_EXPORT_TRACER, type HopTracer } from './hop-tracer';
import { OtelHopTracer } from './otel-hop-tracer';

/** Exports spans only when an OTLP traces URL is configured; otherwise the no-export tracer. */
export function createHopTracer(service: string, tracesUrl: string | undefined): HopTracer {
  return tracesUrl ? new OtelHopTracer({ service, tracesUrl }) : NO_EXPORT_TRACER;
}
