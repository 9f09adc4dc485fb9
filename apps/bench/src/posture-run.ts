import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DatabaseServer } from '@shop/dev-platform';
import { startPlatform, type RunningPlatform } from '@shop/dev-platform';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { closedLoop } from './load/closed-loop';
import type { LoadResult } from './load/load-result';
import { openLoop } from './load/open-loop';
import { gatewayPool, workload, type WorkloadName } from './load/workloads';
import { handshakes, rssMb } from './measure/server-stats';
import { cpuPerRequestUs, readServiceCpu, type CpuSeconds } from './measure/service-cpu';

export type Posture = 'secure' | 'baseline';

/** baseline = the same platform with the transport and identity controls switched off. */
export const POSTURES: Readonly<Record<Posture, { shopEnv: string; labDisable?: string }>> = {
  secure: { shopEnv: 'development' },
  baseline: { shopEnv: 'lab', labDisable: 'mtls,peer-authz,passport' },
};

export interface RunSettings {
  readonly devDir: string;
  readonly distDir: string;
  readonly database: DatabaseServer;
  readonly databaseName: string;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly concurrency: Readonly<Record<WorkloadName, number>>;
  /** Extra node flags for every service (the profiler passes `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
}

export interface WorkloadResult {
  readonly closed: LoadResult;
  readonly open: LoadResult & { targetRate: number };
  /** Each service's CPU µs per successful request over the closed loop (the headline figure). */
  readonly cpuUsPerRequest: CpuSeconds;
}

export interface PostureRun {
  readonly posture: Posture;
  readonly coldStartMs: number;
  readonly workloads: Record<WorkloadName, WorkloadResult>;
  readonly handshakesPer1000: { grpc: number; https: number };
  /** Resident memory right after start (steady: TLS contexts, keys and pools, no load-driven heap). */
  readonly rssIdleMb: Record<string, number>;
  /** Resident memory after both workloads (includes whatever heap the GC has not returned). */
  readonly rssMb: Record<string, number>;
  /** When the workloads ran, in µs on the monotonic clock (what a `--cpu-prof` profile's timestamps use). */
  readonly loadWindowUs: { readonly fromUs: number; readonly toUs: number };
}

/** Plenty of stock, so checkouts measure the saga and not sold-out errors. */
async function restock(platform: RunningPlatform, databaseName: string): Promise<void> {
  const client = new Client({ ...platform.database.admin, database: databaseName });
  await client.connect();
  try {
    await client.query('UPDATE inventory.products SET stock = 100000000');
  } finally {
    await client.end();
  }
}

async function login(platform: RunningPlatform, ca: Buffer): Promise<string> {
  const pool = gatewayPool(platform.gatewayUrl, ca, 1);
  const response = await pool.request({
    path: '/api/v1/auth/login',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_ACCOUNTS[0].email, password: DEMO_ACCOUNTS[0].password }),
  });
  const body = (await response.body.json()) as { accessToken?: string; code?: string };
  await pool.close();
  // Without a token every checkout would be a fast 401 and the numbers would measure nothing.
  if (response.statusCode !== 200 || !body.accessToken) throw new Error(`bench login failed: ${response.statusCode} ${body.code ?? ''}`);
  return body.accessToken;
}

/**
 * One posture: start the platform (timed: the cold start), then per workload
 * a closed loop for throughput and an open loop at `rates[workload]` for
 * latency, then the servers' own counters and memory.
 */
export async function runPosture(
  posture: Posture,
  settings: RunSettings,
  rates: Partial<Record<WorkloadName, number>>,
): Promise<PostureRun> {
  const started = performance.now();
  const platform = await startPlatform({
    devDir: settings.devDir,
    distDir: settings.distDir,
    database: { kind: 'external', ...settings.database.admin },
    databaseName: settings.databaseName,
    nodeArgs: settings.nodeArgs,
    ...POSTURES[posture],
    // Rate limits would measure the limiter, not the platform: both postures lift them alike.
    // The generator is one address: the per-address in-flight cap is lifted with the rate limits.
    env: {
      SHOP_RATE_LIMIT_IP_PER_10S: '10000000',
      SHOP_RATE_LIMIT_USER_PER_10S: '10000000',
      SHOP_MAX_CONCURRENT_CALLS: '10000',
      SHOP_HTTP_MAX_IN_FLIGHT_PER_IP: '10000',
    },
  });
  const coldStartMs = Math.round(performance.now() - started);
  try {
    await restock(platform, settings.databaseName);
    const ca = readFileSync(join(settings.devDir, 'pki', 'web-ca.pem'));
    const token = await login(platform, ca);
    const rssIdleMb = rssMb(platform);
    const before = await handshakes(platform);
    const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
    const fromUs = monotonicUs();
    let requests = 0;
    const workloads = {} as Record<WorkloadName, WorkloadResult>;
    for (const name of ['products', 'checkout'] as const) {
      const pool = gatewayPool(platform.gatewayUrl, ca, settings.concurrency[name]);
      const send = workload(name, pool, token);
      await closedLoop(send, settings.concurrency[name], settings.warmupMs);
      const cpuBefore = await readServiceCpu(platform);
      const closed = await closedLoop(send, settings.concurrency[name], settings.durationMs);
      const cpuUsPerRequest = cpuPerRequestUs(cpuBefore, await readServiceCpu(platform), closed.requests - closed.errors);
      const rate = rates[name] ?? Math.max(10, Math.round(closed.reqPerSec * 0.5));
      rates[name] = rate;
      const open = await openLoop(send, rate, settings.durationMs);
      workloads[name] = { closed, open, cpuUsPerRequest };
      requests += closed.requests + open.requests;
      await pool.close();
    }
    const after = await handshakes(platform);
    const per1000 = (n: number) => Math.round(((n * 1000) / Math.max(1, requests)) * 100) / 100;
    return {
      posture,
      coldStartMs,
      workloads,
      handshakesPer1000: { grpc: per1000(after.grpc - before.grpc), https: per1000(after.https - before.https) },
      rssIdleMb,
      rssMb: rssMb(platform),
      loadWindowUs: { fromUs, toUs: monotonicUs() },
    };
  } finally {
    await platform.stopServices();
  }
}
