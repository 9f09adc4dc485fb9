import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from '@shop/topology';

export interface ProcessOptions {
  /** Root of the compiled output (`dist`). */
  readonly distDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly logDir: string;
  /** Extra Node flags for every service, e.g. ['--cpu-prof'] to profile a run. */
  readonly nodeArgs?: readonly string[];
}

export function mainScript(distDir: string, service: ServiceName): string {
  return join(distDir, 'apps', service, 'src', 'main.js');
}

function logStream(logDir: string, name: string): WriteStream {
  mkdirSync(logDir, { recursive: true });
  return createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
}

function spawnService(service: ServiceName, command: string, options: ProcessOptions): { child: ChildProcess; log: WriteStream } {
  const log = logStream(options.logDir, service);
  // An IPC channel ties the service's life to ours: if this process dies, even
  // by SIGKILL, the channel closes and the service shuts itself down.
  const child = spawn(process.execPath, ['--enable-source-maps', ...(options.nodeArgs ?? []), mainScript(options.distDir, service), command], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  return { child, log };
}

/** Runs `<service> migrate|seed` to completion; fails with the tail of its output. */
export function runServiceCommand(service: ServiceName, command: 'migrate' | 'seed', options: ProcessOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const { child, log } = spawnService(service, command, options);
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-2000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => {
      log.end();
      if (code === 0) resolve();
      else reject(new Error(`${service} ${command} exited with ${code}:\n${tail}`));
    });
  });
}

export interface ManagedService {
  readonly service: ServiceName;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

export function startService(service: ServiceName, options: ProcessOptions): ManagedService {
  const { child, log } = spawnService(service, 'serve', options);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      log.end();
      resolve(code);
    });
  });
  return { service, child, exited };
}

/** SIGTERM, then SIGKILL for anything still running after `graceMs`. */
export async function stopServices(services: readonly ManagedService[], graceMs = 8000): Promise<void> {
  for (const s of services) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const s of services) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  }, graceMs);
  await Promise.all(services.map((s) => s.exited));
  clearTimeout(timer);
}

/** Polls each /readyz until all answer 200; fails early if a service dies. */
export async function waitUntilReady(
  targets: ReadonlyArray<{ service: ManagedService; readyUrl: string }>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(targets);
  while (pending.size > 0) {
    for (const target of [...pending]) {
      if (target.service.child.exitCode !== null) {
        throw new Error(`${target.service.service} exited with ${target.service.child.exitCode} before it was ready`);
      }
      try {
        const response = await fetch(target.readyUrl, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) pending.delete(target);
      } catch {
        // not listening yet
      }
    }
    if (pending.size === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`not ready after ${timeoutMs} ms: ${[...pending].map((t) => t.service.service).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
