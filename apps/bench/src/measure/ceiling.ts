import { spawn } from 'node:child_process';
import { Pool } from 'undici';
import { closedLoop } from '../load/closed-loop';
import type { LoadResult } from '../load/load-result';

const HELLO_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('hello'); });
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

/** The machine's ceiling: a plain Node http hello-world, same generator, same concurrency. */
export async function measureCeiling(concurrency: number, durationMs: number): Promise<LoadResult> {
  const child = spawn(process.execPath, ['-e', HELLO_SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve) => child.stdout?.once('data', (data: Buffer) => resolve(Number(data.toString().trim()))));
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: concurrency });
    const send = async () => {
      const response = await pool.request({ path: '/', method: 'GET' });
      await response.body.dump();
      return response.statusCode === 200;
    };
    await closedLoop(send, concurrency, Math.min(1000, durationMs / 4));
    const result = await closedLoop(send, concurrency, durationMs);
    await pool.close();
    return result;
  } finally {
    child.kill();
  }
}
