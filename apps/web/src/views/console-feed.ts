import { EventSourceParserStream } from 'eventsource-parser/stream';
import { session } from '../session';

/** One security event, in the services' own log schema (libs/security/audit). */
export interface SecurityEvent {
  readonly id: string;
  readonly service: string;
  readonly securityEvent: string;
  readonly reason: string;
  readonly time: number;
  readonly correlationId?: string | null;
  readonly operation?: string | null;
  readonly peer?: string | null;
  readonly user?: string | null;
}

/** One event is a few hundred bytes; a frame this large is not one of ours, and ends the feed. */
const MAX_FRAME_CHARS = 64 * 1024;

let feed: AbortController | undefined;

export function stopFeed(): void {
  feed?.abort();
  feed = undefined;
}

/**
 * Follows GET /api/v1/admin/console/events. Read with fetch, not EventSource:
 * EventSource cannot send an Authorization header, and the access token must
 * not go into a URL or a cookie. The frames are parsed by eventsource-parser.
 */
export async function followEvents(onEvent: (event: SecurityEvent) => void, onState: (state: string) => void): Promise<void> {
  stopFeed();
  feed = new AbortController();
  const token = session.tokens?.accessToken ?? '';
  const response = await fetch('/api/v1/admin/console/events', {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` },
    signal: feed.signal,
    credentials: 'omit',
  });
  if (!response.ok || !response.body) return onState(`refused (${response.status})`);
  onState('live');
  const messages = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream({ onError: 'terminate', maxBufferSize: MAX_FRAME_CHARS }))
    .getReader();
  for (;;) {
    const { value, done } = await messages.read();
    if (done) return onState('closed');
    if (value.data) onEvent(JSON.parse(value.data) as SecurityEvent);
  }
}
