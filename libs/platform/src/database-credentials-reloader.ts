import { createHash } from 'node:crypto';
import type { ReadinessCheck } from '@shop/observability';
import { CredentialProofError, currentPool, databaseReadinessCheck, installPool, openProvenPool } from '@shop/persistence';
import { SECRET_FILES, SecretError, leaseExpiresAt, readDatabaseCredentials, sameLogin, type DatabaseCredentials } from '@shop/security/secrets';
import { Rejection, checkReplacement } from './credential-rejection';
import type { DataSource } from 'typeorm';
import type { ServiceRuntime } from './service-runtime';

export type ReloadOutcome = 'swapped' | 'renewed' | 'unchanged' | 'rejected';

const RETRY_MS = 3000;

/**
 * Keeps a service's database pool on the credentials in `db.json` while they
 * change under it (Vault Agent re-rendering from the database secrets engine,
 * or the local rotation). A new file is validated, its login proven on a new
 * pool, and only then does new work move to that pool; the old pool closes
 * once its in-flight work is done (libs/persistence pool-swap.ts). Anything
 * wrong with the file leaves the working pool in place and is reported once
 * per file version: a `db_credentials_rejected` event and
 * `shop_db_credential_reloads_total{outcome="rejected"}`. /readyz fails only
 * when no working credentials remain: the lease in use has ended.
 */
export class DatabaseCredentialsReloader {
  private active: DatabaseCredentials;
  private running: Promise<unknown> = Promise.resolve();
  private reported?: string;
  private retryAt?: number;
  private expiryReported = false;
  private readonly draining = new Set<Promise<void>>();
  private stopWatching = () => undefined as void;
  private ticker?: NodeJS.Timeout;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly dataSource: DataSource,
    initial: DatabaseCredentials,
  ) {
    this.active = initial;
    this.runtime.metrics.dbCredentialLeaseExpiry.set((leaseExpiresAt(initial)?.getTime() ?? 0) / 1000);
  }

  /** Watches db.json (and, once a second, the lease clock and pending retries). */
  start(): this {
    this.stopWatching = this.runtime.secrets.watch([SECRET_FILES.runtimeDb], () => void this.reload());
    this.ticker = setInterval(() => this.tick(), 1000);
    this.ticker.unref();
    return this;
  }

  /** Reads db.json and acts on it; calls are queued, never run side by side. */
  reload(): Promise<ReloadOutcome> {
    const next = this.running.then(() => this.reloadNow());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** persistence's `SELECT 1` check, failing first when the lease in use has ended. */
  readinessCheck(): ReadinessCheck {
    const database = databaseReadinessCheck(this.dataSource);
    return {
      name: database.name,
      check: async () => {
        if (this.leaseEnded()) throw new Error(`the database lease of ${this.active.user} has ended and no newer credentials work`);
        await database.check();
      },
    };
  }

  /** Stops watching and waits (bounded) for replaced pools to finish their work. */
  async close(timeoutMs = 5000): Promise<void> {
    this.stopWatching();
    clearInterval(this.ticker);
    await Promise.race([Promise.all(this.draining), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private leaseEnded(): boolean {
    const end = leaseExpiresAt(this.active);
    return end !== undefined && end.getTime() <= Date.now();
  }

  private tick(): void {
    if (this.leaseEnded() && !this.expiryReported) {
      this.expiryReported = true;
      this.runtime.events.emit('db_credentials_expired', { reason: 'lease_ended', detail: { user: this.active.user } });
    }
    if (this.retryAt !== undefined && Date.now() >= this.retryAt) void this.reload();
  }

  private async reloadNow(): Promise<ReloadOutcome> {
    let fingerprint = '';
    try {
      fingerprint = createHash('sha256').update(this.runtime.secrets.readBuffer(SECRET_FILES.runtimeDb)).digest('hex');
      const next = this.validated();
      if (sameLogin(next, this.active)) return this.renewed(next);
      const pool = await openProvenPool(this.dataSource, next, currentPool(this.dataSource).totalCount).catch((error: unknown) => {
        if (error instanceof CredentialProofError) throw new Rejection(error.reason, error.message);
        throw error;
      });
      const previous = this.active;
      const { drained } = installPool(this.dataSource, pool);
      this.adopt(next);
      this.runtime.metrics.dbCredentialReloads.inc({ outcome: 'swapped', reason: '' });
      this.runtime.logger.info({ user: next.user, previousUser: previous.user, leaseExpiresAt: leaseExpiresAt(next)?.toISOString() }, 'database credentials rotated');
      this.track(drained, previous.user);
      return 'swapped';
    } catch (error) {
      const rejection = error instanceof Rejection ? error : new Rejection(error instanceof SecretError ? 'invalid_file' : 'unexpected', (error as Error).message);
      this.reject(rejection, fingerprint);
      return 'rejected';
    }
  }

  private validated(): DatabaseCredentials {
    const next = readDatabaseCredentials(this.runtime.secrets, SECRET_FILES.runtimeDb);
    checkReplacement(next, this.active, Date.now());
    return next;
  }

  private renewed(next: DatabaseCredentials): ReloadOutcome {
    const changed = JSON.stringify(next.lease) !== JSON.stringify(this.active.lease);
    this.adopt(next);
    this.runtime.metrics.dbCredentialReloads.inc({ outcome: changed ? 'renewed' : 'unchanged', reason: '' });
    return changed ? 'renewed' : 'unchanged';
  }

  private adopt(next: DatabaseCredentials): void {
    this.active = next;
    this.retryAt = undefined;
    this.reported = undefined;
    this.expiryReported = false;
    this.runtime.metrics.dbCredentialLeaseExpiry.set((leaseExpiresAt(next)?.getTime() ?? 0) / 1000);
  }

  private reject(rejection: Rejection, fingerprint: string): void {
    this.runtime.metrics.dbCredentialReloads.inc({ outcome: 'rejected', reason: rejection.reason });
    this.retryAt = rejection.retried ? Date.now() + RETRY_MS : undefined;
    const key = `${fingerprint}:${rejection.reason}`;
    if (this.reported === key) return;
    this.reported = key;
    this.runtime.events.emit('db_credentials_rejected', {
      reason: rejection.reason,
      detail: { file: SECRET_FILES.runtimeDb, keptUser: this.active.user, error: rejection.message.slice(0, 300) },
    });
  }

  private track(drained: Promise<void>, user: string): void {
    const started = Date.now();
    const done = drained
      .then(() => this.runtime.logger.info({ user, drainMs: Date.now() - started }, 'old database pool drained and closed'))
      .catch((error: Error) => this.runtime.logger.warn({ user, err: error }, 'old database pool did not close cleanly'))
      .finally(() => {
        this.draining.delete(done);
        this.runtime.metrics.dbPoolsDraining.set(this.draining.size);
      });
    this.draining.add(done);
    this.runtime.metrics.dbPoolsDraining.set(this.draining.size);
  }
}
