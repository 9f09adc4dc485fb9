import type { ChildProcess } from 'node:child_process';

/** What a supervisor reports, for the launcher to print and tests to measure. */
export interface SupervisorEvent {
  readonly name: string;
  readonly kind: 'died' | 'restarting' | 'restarted' | 'restart-failed';
  readonly exitCode?: number | null;
  readonly signal?: string | null;
  /** For `restarting`: the backoff before the next try. */
  readonly delayMs?: number;
  /** For `restarted`: ms from the death to the new process being up. */
  readonly downMs?: number;
  readonly error?: string;
}

export type SupervisorListener = (event: SupervisorEvent) => void;

/** Backoff like an orchestrator's: 0.5 s doubling to 15 s, reset after a minute of good health. */
export const RESTART_BACKOFF = { firstMs: 500, maxMs: 15_000, healthyAfterMs: 60_000 } as const;

/**
 * Restarts one process whenever it dies unexpectedly, with exponential
 * backoff, and never gives up (a crash loop keeps retrying slowly, like a
 * CrashLoopBackOff). `stop()` ends supervision first, so a deliberate stop
 * is never undone. The process itself is started by `launch`, which
 * resolves once the new process is up (spawned, or ready for a database).
 */
export class Supervisor {
  private stopped = false;
  private failures = 0;
  private startedAt = Date.now();
  private pendingRestart?: NodeJS.Timeout;

  constructor(
    readonly name: string,
    private readonly launch: () => Promise<ChildProcess>,
    private readonly listener: SupervisorListener,
  ) {}

  /** Starts watching `child` (already running). */
  watch(child: ChildProcess): void {
    this.startedAt = Date.now();
    child.once('exit', (exitCode, signal) => {
      if (this.stopped) return;
      const diedAt = Date.now();
      this.listener({ name: this.name, kind: 'died', exitCode, signal });
      if (diedAt - this.startedAt > RESTART_BACKOFF.healthyAfterMs) this.failures = 0;
      this.scheduleRestart(diedAt);
    });
  }

  private scheduleRestart(diedAt: number): void {
    const delayMs = Math.min(RESTART_BACKOFF.firstMs * 2 ** this.failures, RESTART_BACKOFF.maxMs);
    this.failures++;
    this.listener({ name: this.name, kind: 'restarting', delayMs });
    this.pendingRestart = setTimeout(() => {
      if (this.stopped) return;
      this.launch().then(
        (child) => {
          if (this.stopped) return void child.kill('SIGTERM');
          this.watch(child);
          this.listener({ name: this.name, kind: 'restarted', downMs: Date.now() - diedAt });
        },
        (error: Error) => {
          this.listener({ name: this.name, kind: 'restart-failed', error: error.message });
          if (!this.stopped) this.scheduleRestart(diedAt);
        },
      );
    }, delayMs);
  }

  /** No more restarts from now on (call before stopping the process on purpose). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.pendingRestart);
  }

  /** Supervise again after a deliberate stop and start. */
  resume(child: ChildProcess): void {
    this.stopped = false;
    this.failures = 0;
    this.watch(child);
  }
}
