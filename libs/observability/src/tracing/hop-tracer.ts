import { continueTrace } from '../correlation';

/** What a finished hop reports; the tracer maps it to span attributes and status. */
export interface HopOutcome {
  /** gRPC status code name (`OK`, `NOT_FOUND`...) or HTTP status as a string. */
  readonly status: string;
  readonly error: boolean;
  /** A better span name known only at the end (the gateway's matched route). */
  readonly name?: string;
  readonly attributes?: Readonly<Record<string, string | number>>;
}

/** One hop of a request: a server span (request served) or a client span (call made). */
export interface Hop {
  /** The W3C traceparent naming this hop: the request context's, or the one sent downstream. */
  readonly traceparent: string;
  end(outcome: HopOutcome): void;
}

export interface HopStart {
  readonly name: string;
  /** The caller's traceparent (server) or the current hop's (client); absent or invalid starts a trace. */
  readonly parent: string | undefined;
  readonly attributes?: Readonly<Record<string, string | number>>;
}

/**
 * Spans for the request path. The platform calls it at the three places a hop
 * starts: the gateway's HTTP request, every inbound RPC, every outbound RPC.
 */
export interface HopTracer {
  readonly exporting: boolean;
  serverHop(start: HopStart): Hop;
  clientHop(start: HopStart): Hop;
  /** Sends what is still buffered; call once when the process stops. */
  shutdown(): Promise<void>;
}

const noEnd = (): void => undefined;

/**
 * Tracing off (no OTLP endpoint): the trace id is still carried and logged, each
 * hop just gets a fresh span id. One string and one small object per hop.
 */
export const NO_EXPORT_TRACER: HopTracer = {
  exporting: false,
  serverHop: (start) => ({ traceparent: continueTrace(start.parent), end: noEnd }),
  clientHop: (start) => ({ traceparent: continueTrace(start.parent), end: noEnd }),
  shutdown: () => Promise.resolve(),
};
