import { requestContext, type Logger, type ShopMetrics } from '@shop/observability';
import type { SecurityEventRecord, SecurityEventSink } from './event-stream';
import { workloadLabelOf } from '@shop/topology';

/**
 * Stable names: alert rules, dashboards and the attack lab match on them.
 * Add new names; never rename one.
 */
export const SECURITY_EVENTS = [
  'auth_failed',
  'token_revoked',
  'refresh_reuse_detected',
  'passport_invalid',
  'peer_denied',
  'access_denied',
  'rate_limited',
  'svid_rejected',
  'db_credentials_rejected',
  'db_credentials_expired',
  'ssrf_blocked',
] as const;
export type SecurityEventName = (typeof SECURITY_EVENTS)[number];

export interface SecurityEventFields {
  /** Machine-readable cause, e.g. `not_allowed`, `expired`, `bad_signature`. */
  readonly reason: string;
  /** Overrides for values the request context does not know (yet). */
  readonly peer?: string;
  readonly user?: string;
  readonly sourceIp?: string;
  /** Extra, non-secret detail. Never tokens, passwords or card data. */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** An event taken out of the audit trail by `divert`, with what the observer needs to judge it. */
export interface DivertedEvent {
  readonly event: SecurityEventName;
  readonly reason: string;
  readonly peer: string | undefined;
}

/**
 * Emits security events as structured JSON log lines (`securityEvent` field)
 * and counts them in `shop_security_events_total{event,reason}`.
 * The service name is on every line of the logger; correlation id, peer,
 * user, source IP (this hop's peer) and end-user IP (relayed from the gateway) come from the request context, so every event can be joined with the request's other log lines.
 */
export class SecurityEvents {
  private readonly sinks: SecurityEventSink[] = [];
  /** Request id -> where that request's events go instead (the startup self-check's own probes). */
  private readonly diverted = new Map<string, (event: DivertedEvent) => void>();

  constructor(
    private readonly logger: Logger,
    private readonly metrics: ShopMetrics,
    private readonly service = 'unknown',
  ) {}

  /** Also sends every event to `sink` (the console's Redis stream), in the log line's schema. */
  publishTo(sink: SecurityEventSink): void {
    this.sinks.push(sink);
  }

  /**
   * Hands the events of the request with this id to `observer` instead of
   * logging and counting them, until the returned function is called. For the
   * startup self-check, whose refused probe calls must not page anyone: the id
   * is random and single-use, so no other caller can have its events hidden.
   */
  divert(requestId: string, observer: (event: DivertedEvent) => void): () => void {
    this.diverted.set(requestId, observer);
    return () => this.diverted.delete(requestId);
  }

  emit(event: SecurityEventName, fields: SecurityEventFields): void {
    const ctx = requestContext.current();
    const observer = ctx && this.diverted.get(ctx.requestId);
    if (observer) return observer({ event, reason: fields.reason, peer: fields.peer ?? ctx.peer });
    this.metrics.securityEvents.inc({ event, reason: fields.reason });
    this.countTokenFailure(event, fields, ctx?.peer);
    const line = {
      securityEvent: event,
      reason: fields.reason,
      correlationId: ctx?.requestId,
      operation: ctx?.operation,
      peer: fields.peer ?? ctx?.peer ?? null,
      user: fields.user ?? ctx?.principal?.sub ?? null,
      sourceIp: fields.sourceIp ?? ctx?.clientIp ?? null,
      endUserIp: ctx?.endUserIp ?? null,
      ...(fields.detail ? { detail: fields.detail } : {}),
    };
    this.logger.warn(line, `security event: ${event} (${fields.reason})`);
    if (this.sinks.length === 0) return;
    const record: SecurityEventRecord = { service: this.service, time: Date.now(), ...line };
    for (const sink of this.sinks) sink.publish(record);
  }

  /**
   * Token-validation failures by source, for the per-source alert: passports by
   * the workload that presented them, access tokens as one `edge` source (the
   * client address is in the log line; as a label it would be unbounded).
   */
  private countTokenFailure(event: SecurityEventName, fields: SecurityEventFields, contextPeer: string | undefined): void {
    if (event === 'passport_invalid') {
      this.metrics.tokenValidationFailures.inc({ kind: 'passport', source: workloadLabelOf(fields.peer ?? contextPeer), reason: fields.reason });
    } else if (event === 'auth_failed' && fields.reason.startsWith('token_')) {
      this.metrics.tokenValidationFailures.inc({ kind: 'access', source: 'edge', reason: fields.reason });
    }
  }
}
