import { randomUUID } from 'node:crypto';

/** Request ids from clients are echoed into logs, so only a safe shape is accepted. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
/** W3C Trace Context, version 00: 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function acceptOrCreateRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Continues the caller's trace with a new span id, or starts a new trace when
 * the header is absent or malformed (an all-zero trace id is invalid too).
 */
export function continueTrace(header: string | undefined): string {
  const match = header ? TRACEPARENT.exec(header) : null;
  const fresh = randomHex32();
  const traceId = match && !/^0+$/.test(match[1]) ? match[1] : fresh;
  const flags = match ? match[3] : '01';
  return `00-${traceId}-${fresh.slice(16)}-${flags}`;
}

/**
 * 128 random bits as hex. randomUUID draws from a pre-filled entropy cache,
 * several times cheaper per call than randomBytes on the request path
 * (6 of the bits are the UUID version/variant, which ids here can afford).
 */
function randomHex32(): string {
  return randomUUID().replaceAll('-', '');
}

export function traceIdOf(traceparent: string): string {
  return traceparent.slice(3, 35);
}

/** The span id of this hop, so a log line can be matched to its span. */
export function spanIdOf(traceparent: string): string {
  return traceparent.slice(36, 52);
}
