import { Inject, Injectable } from '@nestjs/common';
import type { InventoryServiceMethods, Reservation, StockLine } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';

/** order -> inventory: ReserveStock, ReleaseStock (the topology allows exactly these). */
@Injectable()
export class InventoryClient extends DownstreamClient<InventoryServiceMethods> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'inventory');
  }

  reserve(orderId: string, lines: StockLine[]): Promise<Reservation> {
    return this.rpc.call('ReserveStock', { orderId, lines });
  }

  release(orderId: string): Promise<Reservation> {
    return this.rpc.call('ReleaseStock', { orderId });
  }
}
