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

  /** Carries the order's compensation passport (SagaCompensation sets it). */
  release(orderId: string): Promise<Reservation> {
    return this.rpc.call('ReleaseStock', { orderId });
  }
}
