import type { Reservation, StockLine } from '@shop/contracts';

/** What the checkout saga needs from inventory. Adapter: InventoryClient. */
export interface InventoryPort {
  reserve(orderId: string, lines: StockLine[]): Promise<Reservation>;
  /** Idempotent; with no reservation yet, a late one is refused from then on. */
  release(orderId: string): Promise<Reservation>;
}
