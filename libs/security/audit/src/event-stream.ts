import type Redis from 'ioredis';

/**
 * One security event as every service logs it (see SecurityEvents.emit), plus
 * the emitting service and the time: the schema of the log line, unchanged.
 */
export interface SecurityEventRecord {
  readonly service: string;
  readonly time: number;
  readonly securityEvent: string;
  readonly reason: string;
  readonly correlationId?: string;
  readonly operation?: string;
  readonly peer: string | null;
  readonly user: string | null;
  readonly sourceIp: string | null;
  readonly endUserIp: string | null;
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** Where events go besides the log; publishing must never fail or slow the request that caused it. */
export interface SecurityEventSink {
  publish(record: SecurityEventRecord): void;
}

/**
 * The stream's key and bound. MAXLEN with `~` lets Redis trim whole nodes, so
 * the stream stays at about this many entries (slightly more, never unbounded).
 */
export const SECURITY_EVENT_STREAM = 'security-events';
export const SECURITY_EVENT_STREAM_MAXLEN = 1000;

export function securityEventStreamKey(keyPrefix: string): string {
  return `${keyPrefix}${SECURITY_EVENT_STREAM}`;
}

/**
 * Publishes to a Redis stream (XADD ... MAXLEN ~ 1000), read by the gateway's
 * security console. Fire and forget: a Redis outage loses console entries,
 * never requests; the log line and the counter are written regardless.
 */
export class RedisSecurityEventStream implements SecurityEventSink {
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly onFailure: (error: Error) => void,
  ) {}

  publish(record: SecurityEventRecord): void {
    this.redis
      .xadd(this.key, 'MAXLEN', '~', SECURITY_EVENT_STREAM_MAXLEN, '*', 'event', JSON.stringify(record))
      .then(() => (this.failing = false))
      .catch((error: Error) => {
        // Once per outage, not once per event.
        if (!this.failing) this.onFailure(error);
        this.failing = true;
      });
  }
}

export interface StreamEntry {
  readonly id: string;
  readonly record: SecurityEventRecord;
}

/** Parses XRANGE/XREAD entries ([id, [field, value, ...]]); entries that are not ours are skipped. */
export function parseStreamEntries(entries: ReadonlyArray<[string, string[]]>): StreamEntry[] {
  const parsed: StreamEntry[] = [];
  for (const [id, fields] of entries) {
    const at = fields.indexOf('event');
    if (at < 0 || at + 1 >= fields.length) continue;
    try {
      parsed.push({ id, record: JSON.parse(fields[at + 1] as string) as SecurityEventRecord });
    } catch {
      // not JSON: not written by RedisSecurityEventStream
    }
  }
  return parsed;
}
