import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from '@shop/topology';
import { Supervisor, type SupervisorListener } from './supervisor';

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
  // by SIGKILL, the channel closes and the service shuts itself down. Its own
  // process group keeps a terminal's Ctrl-C away from it: the launcher stops
  // the services itself, in order, so in-flight requests can finish.
  const child = spawn(process.execPath, ['--enable-source-maps', ...(options.nodeArgs ?? []), mainScript(options.distDir, service), command], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
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
  /** The current process: a new one after each supervised restart. */
  readonly child: ChildProcess;
  /** Resolves when the service is gone for good: stopped, or died while unsupervised. */
  readonly exited: Promise<number | null>;
  /** Supervised restarts so far. */
  readonly restarts: number;
  /** From now on, restart the process with backoff whenever it dies on its own. */
  supervise(listener: SupervisorListener): void;
  /** Ends supervision, then SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

class ServiceProcess implements ManagedService {
  child!: ChildProcess;
  restarts = 0;
  readonly exited: Promise<number | null>;
  private resolveExited!: (code: number | null) => void;
  private supervisor?: Supervisor;
  private stopping = false;

  constructor(
    readonly service: ServiceName,
    private readonly options: ProcessOptions,
  ) {
    this.exited = new Promise((resolve) => (this.resolveExited = resolve));
    this.spawn();
  }

  private spawn(): ChildProcess {
    const { child, log } = spawnService(this.service, 'serve', this.options);
    this.child = child;
    child.once('exit', (code) => {
      log.end();
      if (this.stopping || !this.supervisor) this.resolveExited(code);
    });
    return child;
  }

  supervise(listener: SupervisorListener): void {
    this.supervisor ??= new Supervisor(this.service, async () => {
      this.restarts++;
      return this.spawn();
    }, listener);
    this.supervisor.watch(this.child);
  }

  async stop(graceMs = 8000): Promise<void> {
    this.stopping = true;
    this.supervisor?.stop();
    const running = this.child.exitCode === null && this.child.signalCode === null;
    if (!running) this.resolveExited(this.child.exitCode);
    else this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export function startService(service: ServiceName, options: ProcessOptions): ManagedService {
  return new ServiceProcess(service, options);
}

/** SIGTERM, then SIGKILL for anything still running after `graceMs`. */
export async function stopServices(services: readonly ManagedService[], graceMs = 8000): Promise<void> {
  await Promise.all(services.map((s) => s.stop(graceMs)));
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
