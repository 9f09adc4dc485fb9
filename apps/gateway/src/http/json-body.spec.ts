import express from 'express';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import { jsonBody } from './json-body';

/** A real Express app with the gateway's body handling, on a loopback port. */
async function post(body: Buffer, headers: Record<string, string>): Promise<{ status: number; type: string; body: string }> {
  const app = express();
  app.use(...jsonBody('1kb'));
  app.post('/echo', (req, res) => res.json(req.body));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/echo', method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    server.close();
  }
}

describe('jsonBody', () => {
  it.each([
    ['malformed JSON', Buffer.from('{"a": '), { 'content-type': 'application/json' }, 400, 'REQUEST.MALFORMED_JSON'],
    ['a body over the limit', Buffer.from(JSON.stringify({ a: 'x'.repeat(2048) })), { 'content-type': 'application/json' }, 413, 'REQUEST.TOO_LARGE'],
    ['an unknown charset', Buffer.from('{}'), { 'content-type': 'application/json; charset=klingon' }, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
    // zlib failures carry no body-parser type: they used to fall through to Express's HTML page.
    ['a corrupt deflate body', Buffer.from('definitely not deflate'), { 'content-type': 'application/json', 'content-encoding': 'deflate' }, 400, 'REQUEST.MALFORMED_JSON'],
  ])('answers %s with problem+json and a stable code', async (_what, body, headers, status, code) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    expect(response.type).toContain('application/problem+json');
    expect(JSON.parse(response.body)).toMatchObject({ code, status });
    expect(response.body).not.toMatch(/<html|at .*\.js/i);
  });

  it('passes a valid body through', async () => {
    expect(await post(Buffer.from('{"a":1}'), { 'content-type': 'application/json' })).toMatchObject({ status: 200, body: '{"a":1}' });
  });
});
