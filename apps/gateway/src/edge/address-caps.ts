import type { Socket } from 'node:net';

/**
 * Counts what each key (a client address, or the whole gateway) holds:
 * connections, requests in flight; and says no past the cap.
 */
export class CapPerKey {
  private readonly held = new Map<string, number>();

  constructor(private readonly cap: number) {}

  /** Takes one unit for the key, or returns undefined when it is at the cap. The release runs once. */
  take(address: string): (() => void) | undefined {
    const now = this.held.get(address) ?? 0;
    if (now >= this.cap) return undefined;
    this.held.set(address, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.held.get(address) ?? 1) - 1;
      if (left > 0) this.held.set(address, left);
      else this.held.delete(address);
    };
  }
}

/**
 * The TCP peer's address: the gateway does not trust X-Forwarded-For, so
 * behind a proxy the per-address caps cap the proxy (size them for it).
 */
export function addressOf(socket: Pick<Socket, 'remoteAddress'>): string {
  return socket.remoteAddress ?? 'unknown';
}
