import type { ErrorCode } from '@shop/contracts';
import type { Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../http/problem';

/** Node's own refusals (it would write a bare `400`, `408` or `431`), by its error code. */
function codeOf(error: NodeJS.ErrnoException): ErrorCode | undefined {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST.TIMEOUT';
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'REQUEST.HEADERS_TOO_LARGE';
  if (error.code?.startsWith('HPE_')) return 'REQUEST.MALFORMED_HTTP';
  return undefined; // ECONNRESET and friends: nobody is left to answer
}

function rawProblem(code: ErrorCode): string {
  const problem = problemOf(code);
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.status} ${problem.title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Answers on a raw socket, once, only if nothing of a response went out yet, then closes it. */
export function refuseOnSocket(socket: Duplex & { bytesWritten?: number }, code: ErrorCode): void {
  // After something was written, a second status line would corrupt that response.
  if (socket.writable && !socket.bytesWritten) socket.end(rawProblem(code));
  socket.destroy();
}

/**
 * Requests Node's HTTP parser refuses never reach Express, so Node answered
 * them with a bare status line. With a `clientError` listener the answer is
 * ours: the same problem+json as every other error, then the connection is
 * closed (after a framing error the byte stream cannot be trusted).
 */
export function answerFramingErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { bytesWritten?: number }) => {
    const code = codeOf(error);
    if (code) refuseOnSocket(socket, code);
    else socket.destroy();
  });
}
