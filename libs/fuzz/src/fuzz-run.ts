import fc from 'fast-check';
import { Agent, request } from 'undici';
import { routesOf, type ApiRoute } from './api-routes';
import { answerProblem } from './answer-check';
import { malformedRequest, type FuzzRequest } from './malformed-request';

export interface FuzzOptions {
  /** The gateway, e.g. `https://localhost:8443`. */
  readonly baseUrl: string;
  /** The CA that signed the gateway's certificate (the dev web CA). */
  readonly ca: Buffer;
  readonly requests: number;
  /** fast-check seed: the same seed replays the same requests. */
  readonly seed: number;
  readonly concurrency?: number;
  /** A real customer's access token, asked for again every batch (a fuzzed logout may revoke it). */
  readonly userToken: () => Promise<string>;
}

export interface Violation {
  readonly request: string;
  readonly status: number;
  readonly reason: string;
  /** The first bytes of the body sent, JSON-escaped, to replay it. */
  readonly body: string;
  /** The answer's X-Request-ID: the services' log lines for this request carry it. */
  readonly requestId?: string;
}

export interface FuzzReport {
  readonly seed: number;
  readonly routes: number;
  readonly requests: number;
  /** How many answers had each status (0: the connection failed without an answer). */
  readonly statuses: Readonly<Record<number, number>>;
  /** 429s, counted apart: a wall of them would mean the fuzz never reached the code. */
  readonly rateLimited: number;
  readonly violations: readonly Violation[];
  readonly durationMs: number;
}

const BATCH = 250;

/** Fetches `/docs-json` and returns every documented operation. */
export async function fetchRoutes(baseUrl: string, agent: Agent): Promise<ApiRoute[]> {
  // eslint-disable-next-line shop/no-unvalidated-url -- the platform under test, given by the operator, on loopback
  const response = await request(`${baseUrl}/docs-json`, { dispatcher: agent });
  if (response.statusCode !== 200) throw new Error(`/docs-json answered ${response.statusCode}`);
  return routesOf((await response.body.json()) as Parameters<typeof routesOf>[0]);
}

async function send(baseUrl: string, agent: Agent, fuzz: FuzzRequest): Promise<{ status: number; problem?: string; requestId?: string }> {
  try {
    // eslint-disable-next-line shop/no-unvalidated-url -- the platform under test; fuzzing its paths is the point
    const response = await request(`${baseUrl}${fuzz.path}`, { method: fuzz.method as 'GET', headers: fuzz.headers, body: fuzz.body, dispatcher: agent, headersTimeout: 30_000, bodyTimeout: 30_000 });
    const text = await response.body.text();
    const contentType = response.headers['content-type'];
    const requestId = response.headers['x-request-id'];
    return {
      status: response.statusCode,
      problem: answerProblem(fuzz.method, response.statusCode, typeof contentType === 'string' ? contentType : undefined, text),
      requestId: typeof requestId === 'string' ? requestId : undefined,
    };
  } catch (error) {
    return { status: 0, problem: `no answer: ${(error as Error).message}` };
  }
}

/**
 * Sends `requests` generated malformed requests across every documented
 * route, a few at a time, and reports the status histogram and every
 * answer that breaks the error contract.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const concurrency = options.concurrency ?? 8;
  const agent = new Agent({ connect: { ca: options.ca, servername: 'localhost' }, connections: concurrency, pipelining: 0 });
  const statuses: Record<number, number> = {};
  const violations: Violation[] = [];
  try {
    const routes = await fetchRoutes(options.baseUrl, agent);
    const generator = malformedRequest(routes);
    for (let done = 0, batch = 0; done < options.requests; batch++) {
      const size = Math.min(BATCH, options.requests - done);
      const token = await options.userToken();
      const credentials = { none: undefined, garbage: 'Bearer e30.e30.garbage', user: `Bearer ${token}` };
      const batchRequests = fc.sample(generator, { numRuns: size, seed: options.seed + batch });
      let next = 0;
      const worker = async () => {
        while (next < batchRequests.length) {
          const fuzz = batchRequests[next++] as (typeof batchRequests)[number];
          const authorization = credentials[fuzz.credential];
          const headers = authorization ? { ...fuzz.headers, authorization } : fuzz.headers;
          const { status, problem, requestId } = await send(options.baseUrl, agent, { ...fuzz, headers });
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (problem) {
            const request = `${fuzz.method} ${fuzz.path.slice(0, 120)} (${fuzz.headers['content-type'] ?? 'no type'}, ${fuzz.body?.length ?? 0} B)`;
            violations.push({ request, status, reason: problem, body: JSON.stringify(fuzz.body?.toString('utf8').slice(0, 300) ?? ''), requestId });
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      done += size;
    }
    return { seed: options.seed, routes: routes.length, requests: options.requests, statuses, rateLimited: statuses[429] ?? 0, violations, durationMs: Date.now() - started };
  } finally {
    await agent.close();
  }
}

/** The histogram and the first violations, for a terminal. */
export function formatFuzzReport(report: FuzzReport): string {
  const histogram = Object.entries(report.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `  ${status === '0' ? 'no answer' : status}: ${count}`);
  return [
    `fuzz: ${report.requests} requests over ${report.routes} documented routes in ${(report.durationMs / 1000).toFixed(1)} s (seed ${report.seed})`,
    'status histogram:',
    ...histogram,
    `429 (rate limited, counted apart): ${report.rateLimited}`,
    `violations (5xx, or an error that is not problem+json): ${report.violations.length}`,
    ...report.violations.slice(0, 20).map((v) => `  ${v.status} ${v.reason}: ${v.request} request id ${v.requestId ?? '-'}\n    body ${v.body}`),
  ].join('\n');
}
