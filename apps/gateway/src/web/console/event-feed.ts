import { parseStreamEntries, type StreamEntry } from '@shop/security/audit';
import type { Response } from 'express';
import Redis from 'ioredis';

/** Each open console holds a Redis connection and a gateway request slot: a handful is plenty. */
export const MAX_CONSOLE_FEEDS = 4;
/** Replayed on connect, so the console is not empty until the next event. */
const BACKLOG = 50;
/** XREAD BLOCK wakes at least this often, to send a keep-alive and notice a closed console. */
const BLOCK_MS = 5_000;

let openFeeds = 0;

export function feedSlotFree(): boolean {
  return openFeeds < MAX_CONSOLE_FEEDS;
}

function send(response: Response, entry: StreamEntry): void {
  // JSON.stringify escapes newlines, so one event is always exactly one `data:` line.
  response.write(`id: ${entry.id}\ndata: ${JSON.stringify({ id: entry.id, ...entry.record })}\n\n`);
}

/**
 * Streams the security-event stream to one console as server-sent events:
 * the latest BACKLOG entries, then every new one as it is added (XREAD BLOCK
 * on its own connection, since a blocked connection can do nothing else).
 * Ends when the client goes away or `until` (the access token's expiry) passes.
 */
export async function streamEvents(response: Response, redisUrl: string, key: string, until: number): Promise<void> {
  openFeeds++;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  redis.on('error', () => undefined);
  let open = true;
  const close = () => {
    open = false;
    redis.disconnect();
  };
  response.on('close', close);
  const expiry = setTimeout(() => response.end(), Math.max(0, until - Date.now()));
  try {
    await redis.connect();
    response.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' });
    response.flushHeaders();
    const backlog = parseStreamEntries((await redis.xrevrange(key, '+', '-', 'COUNT', BACKLOG)) as Array<[string, string[]]>).reverse();
    backlog.forEach((entry) => send(response, entry));
    let lastId = backlog.at(-1)?.id ?? '0-0';
    while (open) {
      const batch = (await redis.xread('COUNT', 100, 'BLOCK', BLOCK_MS, 'STREAMS', key, lastId)) as Array<[string, Array<[string, string[]]>]> | null;
      if (!open) break;
      if (!batch) {
        response.write(': keep-alive\n\n');
        continue;
      }
      for (const entry of parseStreamEntries(batch[0]?.[1] ?? [])) {
        send(response, entry);
        lastId = entry.id;
      }
    }
  } catch {
    // Redis went away or the client left mid-read: the console shows "closed" and can reopen.
  } finally {
    clearTimeout(expiry);
    openFeeds--;
    close();
    if (!response.writableEnded) response.end();
  }
}
