import type { Order, Principal, Reservation } from '@shop/contracts';

/** An order the saga created and has not finished yet. */
export interface PendingOrder {
  readonly id: string;
  readonly ownerId: string;
  readonly createdAt: Date;
  /**
   * The gateway-minted passport (`orders.compensate`, bound to this order)
   * that refund and release need; stored with the order until it is final.
   * Null only for orders placed in lab mode without passport binding.
   */
  readonly compensationPassport: string | null;
}

/** What a checkout starts from, besides the user. */
export interface CheckoutStart {
  readonly key: string;
  readonly hash: string;
  readonly now: Date;
  readonly compensationPassport: string | null;
}

export type FinalStatus = 'CONFIRMED' | 'PAYMENT_DECLINED' | 'CANCELLED';

export interface Finish {
  readonly status: FinalStatus;
  /** The failure key (FAILURES in checkout-outcome.ts); null when confirmed. */
  readonly failure: string | null;
  /** Present when stock was reserved: the order keeps its lines and total. */
  readonly reservation?: Reservation;
  /** Only for CONFIRMED: refuse if the order was created before this (its saga gave up) or recovery claimed it. */
  readonly notCreatedBefore?: Date;
}

/** Order persistence as the saga uses it. Adapter: SagaOrdersRepository (TypeORM). */
export interface SagaStorePort {
  /** Creates the PENDING order (committed before any downstream call), or finds the one this key made. */
  startOrReplay(principal: Principal, start: CheckoutStart): Promise<{ replay: Order } | { pending: PendingOrder }>;
  /**
   * PENDING -> final status, once: if the order is no longer PENDING (or a
   * confirmation comes too late), the stored order is returned unchanged.
   */
  finish(order: PendingOrder, finish: Finish): Promise<Order>;
  /** PENDING orders created before `cutoff`, oldest first: sagas that crashed or gave up half-way. */
  stalePending(cutoff: Date, limit: number): Promise<PendingOrder[]>;
  /**
   * Recovery takes the order over (one conditional UPDATE, so it serializes
   * with the saga's own confirmation on the row lock): false if the order is
   * no longer PENDING. From then on the saga can no longer confirm it.
   */
  claimForRecovery(order: PendingOrder, cutoff: Date): Promise<boolean>;
}
