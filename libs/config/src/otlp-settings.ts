import { ConfigError } from './lab-mode';
import type { Environment } from './service-config';

/**
 * Where spans go, from the standard OpenTelemetry variables: tracing exports
 * only when one of the endpoints is set (and the SDK is not disabled).
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used as given; OTEL_EXPORTER_OTLP_ENDPOINT
 * is a base URL that gets `/v1/traces`, as the specification says. The exporter
 * speaks OTLP/HTTP with JSON bodies, so another requested protocol is refused at
 * start instead of failing quietly at the first export.
 */
export function readOtlpTracesUrl(env: Environment): string | undefined {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return undefined;
  const exporter = env['OTEL_TRACES_EXPORTER']?.trim();
  if (exporter === 'none') return undefined;
  if (exporter && exporter !== 'otlp') throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp or none (got "${exporter}")`);

  const specific = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']?.trim();
  const base = env['OTEL_EXPORTER_OTLP_ENDPOINT']?.trim();
  const url = specific || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (!url) return undefined;

  const protocol = (env['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'] || env['OTEL_EXPORTER_OTLP_PROTOCOL'])?.trim();
  if (protocol && protocol !== 'http/json') throw new ConfigError(`only OTLP over http/json is supported (got OTEL_EXPORTER_OTLP_PROTOCOL "${protocol}")`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`the OTLP traces endpoint "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(`the OTLP traces endpoint must be http(s) (got "${url}")`);
  if (parsed.username || parsed.password) throw new ConfigError('the OTLP traces endpoint must not carry credentials (use OTEL_EXPORTER_OTLP_HEADERS)');
  return parsed.href;
}
