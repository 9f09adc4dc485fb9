import pino, { type Logger } from 'pino';
import { spanIdOf, traceIdOf } from './correlation';
import { REDACTED_PATHS, maskCardNumbers } from './redaction';
import { requestContext } from './request-context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly service: string;
  readonly level: string;
  /** Tests pass a stream to capture lines; production writes JSON to stdout. */
  readonly destination?: pino.DestinationStream;
}

function scrubbedError(error: Error): object {
  const serialized = pino.stdSerializers.err(error);
  return {
    ...serialized,
    message: maskCardNumbers(serialized.message ?? ''),
    stack: serialized.stack ? maskCardNumbers(serialized.stack) : undefined,
  };
}

/**
 * The process-wide JSON logger. Every line carries the service and, inside a
 * request, the correlation id, trace id, calling workload and user.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: scrubbedError },
      mixin() {
        const ctx = requestContext.current();
        if (!ctx) return {};
        return {
          requestId: ctx.requestId,
          traceId: traceIdOf(ctx.traceparent),
          spanId: spanIdOf(ctx.traceparent),
          ...(ctx.peer ? { peer: ctx.peer } : {}),
          ...(ctx.principal ? { userId: ctx.principal.sub } : {}),
        };
      },
      hooks: {
        logMethod(args, method) {
          // Backstop: scrub card-number shapes from message strings.
          const scrubbed = args.map((a) => (typeof a === 'string' ? maskCardNumbers(a) : a)) as typeof args;
          // Without a message pino copies the error's message into msg, unmasked: pass a masked one.
          const [first] = scrubbed as unknown[];
          const error = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
          if (scrubbed.length === 1 && error instanceof Error) (scrubbed as unknown[]).push(maskCardNumbers(error.message));
          return method.apply(this, scrubbed);
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}
