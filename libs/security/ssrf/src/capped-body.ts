import type { IncomingMessage } from 'node:http';
import { SIGNATURE_BYTES } from './image-signature';

export interface BodyLimits {
  readonly maxBytes: number;
  /** The error to throw when the body is, or says it is, larger than `maxBytes`. */
  readonly tooLarge: () => Error;
  /** Called once with the first bytes (at least SIGNATURE_BYTES unless the body is shorter); throws to stop. */
  readonly inspectHead?: (head: Buffer) => void;
}

/**
 * Reads a response body while counting it: a declared Content-Length over
 * the cap stops before the first byte, a body that grows past it stops at
 * that chunk (chunked or lying servers included), and the head is judged as
 * soon as it has arrived, so a non-image is not downloaded to the end.
 */
export async function readCappedBody(response: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes) {
    response.destroy();
    throw limits.tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let inspected = limits.inspectHead === undefined;
  // Leaving the loop by a throw destroys the stream, and with it the socket.
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limits.maxBytes) throw limits.tooLarge();
    chunks.push(chunk);
    if (!inspected && size >= SIGNATURE_BYTES) {
      inspected = true;
      limits.inspectHead?.(Buffer.concat(chunks, size));
    }
  }
  const body = Buffer.concat(chunks, size);
  if (!inspected) limits.inspectHead?.(body);
  return body;
}
