import { Inject, Injectable } from '@nestjs/common';
import type { InventoryServiceMethods, Product } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';

/** gateway -> inventory: catalogue reads only (the topology forbids the rest). */
@Injectable()
export class InventoryClient extends DownstreamClient<InventoryServiceMethods> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'inventory');
  }

  async list(): Promise<Product[]> {
    return (await this.rpc.call('ListProducts', {})).items;
  }

  get(id: string): Promise<Product> {
    return this.rpc.call('GetProduct', { id });
  }
}
