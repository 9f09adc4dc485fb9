import fc from 'fast-check';
import type { ApiRoute } from './api-routes';
import { bodyValue, urlPiece } from './hostile-values';

export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

/** Who the request claims to be: `user` is a real customer's token, so authenticated code is reached too. */
export type Credential = 'none' | 'garbage' | 'user';

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16le',
  'application/json; charset=latin1',
  'application/json; charset=bogus',
  'application/json, text/plain',
  'application/vnd.api+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  '',
];

/** How the body is turned into bytes: mostly honest UTF-8 JSON, sometimes broken on purpose. */
const ENCODINGS = ['json', 'json', 'json', 'json', 'utf16', 'bom', 'truncated', 'invalid-utf8', 'random-bytes', 'empty', 'form'] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(value: unknown, encoding: Encoding, noise: Uint8Array): Buffer | undefined {
  const json = JSON.stringify(value) ?? 'null';
  switch (encoding) {
    case 'json':
      return Buffer.from(json, 'utf8');
    case 'utf16':
      return Buffer.from(json, 'utf16le');
    case 'bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')]);
    case 'truncated':
      return Buffer.from(json.slice(0, Math.max(1, Math.floor(json.length / 2))), 'utf8');
    case 'invalid-utf8':
      return Buffer.concat([Buffer.from('{"email":"', 'utf8'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('"}', 'utf8')]);
    case 'random-bytes':
      return Buffer.from(noise);
    case 'empty':
      return undefined;
    case 'form':
      return Buffer.from(new URLSearchParams({ email: 'a@b.c', password: json.slice(0, 50) }).toString(), 'utf8');
  }
}

function fillPath(template: string, pieces: readonly string[]): string {
  let next = 0;
  return template.replace(/\{[^}]+\}/g, () => pieces[next++ % pieces.length] as string);
}

/**
 * A generated request against one of the documented routes: its method or
 * another, its path with hostile parameters, a hostile query, a body of
 * hostile shape in a hostile encoding under a hostile content type.
 */
export function malformedRequest(routes: readonly ApiRoute[]): fc.Arbitrary<FuzzRequest & { credential: Credential }> {
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        method: fc.oneof({ weight: 5, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') }),
        pieces: fc.array(urlPiece, { minLength: 1, maxLength: 2 }),
        query: fc.dictionary(fc.constantFrom(...route.queryNames, 'limit', 'x', 'a[b]', 'id'), urlPiece, { maxKeys: 3 }),
        body: bodyValue(route.bodyFields),
        encoding: fc.constantFrom(...ENCODINGS),
        noise: fc.uint8Array({ maxLength: 64 }),
        // Mostly what an honest client sends, so most requests get past the parser to the code behind it.
        contentType: fc.oneof({ weight: 6, arbitrary: fc.constant('application/json') }, { weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) }),
        contentEncoding: fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'bogus') }),
        credential: fc.constantFrom<Credential>('none', 'garbage', 'user', 'user'),
        idempotencyKey: fc.oneof(fc.constant(undefined), fc.uuid(), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'k'))),
      })
      .map((r) => {
        const query = Object.entries(r.query).map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&');
        const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : encode(r.body, r.encoding, r.noise);
        const headers: Record<string, string> = {};
        if (body !== undefined && r.contentType) headers['content-type'] = r.contentType;
        if (body !== undefined && r.contentEncoding) headers['content-encoding'] = r.contentEncoding;
        if (r.idempotencyKey) headers['idempotency-key'] = r.idempotencyKey;
        return { method: r.method, path: `${fillPath(route.path, r.pieces)}${query ? `?${query}` : ''}`, headers, body, credential: r.credential };
      }),
  );
}
