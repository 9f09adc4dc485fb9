import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/**
 * Hand-driven sockets to the gateway's HTTPS port, for what an HTTP client
 * library never does: stay silent, stop half-way through a body, open
 * hundreds of connections. `from` is a loopback source address
 * (127.0.0.x), so one attacker address can be told apart from the victim's.
 */
export interface EdgeAddress {
  readonly port: number;
  readonly ca: Buffer;
  readonly from?: string;
}

/** Resolves once TLS is established; rejects if the server drops or refuses the connection first. */
export function openTls(to: EdgeAddress, timeoutMs = 5_000): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tcp = tcpConnect({ host: '127.0.0.1', port: to.port, localAddress: to.from });
    const socket = tlsConnect({ socket: tcp, ca: to.ca, servername: 'localhost' });
    tcp.once('error', (error) => socket.destroy(error));
    const fail = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error ?? new Error('closed before the handshake finished'));
    };
    const timer = setTimeout(() => fail(new Error('handshake timed out on the client')), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      socket.removeListener('error', fail);
      socket.removeListener('close', onClose);
      socket.on('error', () => undefined); // later resets are the server closing on us: expected
      resolve(socket);
    });
    const onClose = () => fail();
    socket.once('error', fail);
    socket.once('close', onClose);
  });
}

/** A bare TCP connection that never starts TLS. */
export function openTcp(to: EdgeAddress): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port: to.port, localAddress: to.from }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Milliseconds until the server closes the socket, or undefined if it is still open after `waitMs` (then it is closed here). */
export function closedWithin(socket: Socket, waitMs: number): Promise<number | undefined> {
  const started = Date.now();
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve(0);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(undefined);
    }, waitMs);
    socket.resume();
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Writes `bytes` and collects whatever the server answers until it closes (or `waitMs`). */
export function rawExchange(socket: Socket, bytes: string | Buffer, waitMs = 10_000): Promise<RawAnswer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks).toString('latin1')));
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.once('close', done);
    socket.write(bytes);
  });
}

function parseAnswer(text: string): RawAnswer | undefined {
  const match = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  const headers: Record<string, string> = {};
  for (const line of (match[2] as string).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(match[1]), headers, body: match[3] as string };
}

/** Headers of a JSON POST whose body announces `length` bytes and sends fewer. */
export function slowBodyStart(path: string, length = 200): string {
  return `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n{"email":"`;
}
