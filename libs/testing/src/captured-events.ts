import { ShopMetrics, createLogger } from '@shop/observability';
import { SecurityEvents } from '@shop/security/audit';

export interface CapturedEvents {
  /** Every JSON log line written, parsed. */
  readonly lines: Array<Record<string, unknown>>;
  readonly metrics: ShopMetrics;
  readonly events: SecurityEvents;
}

/** A real SecurityEvents whose log lines are kept in memory for assertions. */
export function captureSecurityEvents(service: string): CapturedEvents {
  const lines: Array<Record<string, unknown>> = [];
  const metrics = new ShopMetrics('test');
  const destination = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  return { lines, metrics, events: new SecurityEvents(createLogger({ service, level: 'info', destination }), metrics) };
}
