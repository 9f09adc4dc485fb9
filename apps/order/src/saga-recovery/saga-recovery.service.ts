import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, SAGA_LOGGER, SAGA_STORE, SAGA_TIMING } from '../order.constants';
import type { SagaStorePort } from '../orders/saga-store.port';
import type { Clock } from '../saga/clock.port';
import { SagaCompensation } from '../saga/saga-compensation';
import type { SagaLogger } from '../saga/saga-logger.port';
import type { SagaTiming } from '../saga/saga-timing';

/** Orders finished per pass; the next pass takes the rest. */
const BATCH = 50;

/**
 * Finishes checkouts that never finished: the order process crashed
 * mid-saga, or a downstream was down when the saga tried to compensate.
 * Once an order is older than the saga deadline, recovery claims it (a
 * conditional UPDATE that serializes with the saga's own confirmation, which
 * is also fenced by the deadline), so undoing is always safe: refund, release (tombstones refuse anything still in
 * flight), then CANCELLED. Runs at start and then periodically; an order
 * whose compensation fails again is simply retried on the next pass.
 */
@Injectable()
export class SagaRecoveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(SAGA_STORE) private readonly store: SagaStorePort,
    private readonly compensation: SagaCompensation,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SAGA_LOGGER) private readonly logger: SagaLogger,
    @Inject(SAGA_TIMING) private readonly timing: SagaTiming,
  ) {}

  onApplicationBootstrap(): void {
    void this.pass();
    this.timer = setInterval(() => void this.pass(), this.timing.recoveryIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass, never two at once; resolves to how many orders it finished. */
  pass(): Promise<number> {
    this.running ??= this.recoverStale().finally(() => (this.running = undefined));
    return this.running;
  }

  private async recoverStale(): Promise<number> {
    let finished = 0;
    try {
      const cutoff = new Date(this.clock.now().getTime() - this.timing.deadlineMs);
      const stale = await this.store.stalePending(cutoff, BATCH);
      for (const order of stale) {
        if (!(await this.store.claimForRecovery(order, cutoff))) continue; // confirmed meanwhile
        if (!(await this.compensation.undo(order, { refund: true }))) continue;
        const final = await this.store.finish(order, { status: 'CANCELLED', failure: 'UPSTREAM_FAILURE' });
        if (final.status === 'CANCELLED') finished++;
      }
      if (stale.length > 0) this.logger.info({ stale: stale.length, cancelled: finished }, 'saga recovery finished abandoned checkouts');
    } catch (error) {
      // The database is down, most likely: the next pass tries again.
      this.logger.warn({ err: error }, 'saga recovery pass failed; will retry');
    }
    return finished;
  }
}
