import { ConfigError } from './lab-mode';
import { readOtlpTracesUrl } from './otlp-settings';

describe('readOtlpTracesUrl', () => {
  it('is off without an endpoint', () => {
    expect(readOtlpTracesUrl({})).toBeUndefined();
    expect(readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toBeUndefined();
  });

  it('appends /v1/traces to the base endpoint and takes the traces endpoint as given', () => {
    expect(readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' })).toBe('http://127.0.0.1:4318/v1/traces');
    expect(readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector:4318/custom' })).toBe(
      'https://collector:4318/custom',
    );
  });

  it('stays off when the SDK or the traces exporter is switched off', () => {
    expect(readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('refuses what it cannot honour, at start', () => {
    expect(() => readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(ConfigError);
    expect(() => readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://a:1' })).toThrow(/http\(s\)/);
    expect(() => readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://u:p@a:1' })).toThrow(/credentials/);
    expect(() => readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/http\/json/);
    expect(() => readOtlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:1', OTEL_TRACES_EXPORTER: 'zipkin' })).toThrow(/otlp or none/);
  });
});
