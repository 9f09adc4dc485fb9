import { Inject, Injectable } from '@nestjs/common';
import type { InventoryServiceMethods, Reservation, StockLine } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { InventoryPort } from './inventory.port';

/** order -> inventory: ReserveStock, ReleaseStock (the topology allows exactly these). */
@Injectable()
export class InventoryClient extends DownstreamClient<InventoryServiceMethods> implements InventoryPort {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'inventory');
  }

  reserve(orderId: string, lines: StockLine[]): Promise<Reservation> {
    return this.rpc.call('ReserveStock', { orderId, lines });
  }

  /** The owner is read downstream only when no passport travels (saga recovery). */
  release(orderId: string, ownerId: string): Promise<Reservation> {
    return this.rpc.call('ReleaseStock', { orderId, ownerId });
  }
}
