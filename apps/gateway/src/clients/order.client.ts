import { Inject, Injectable } from '@nestjs/common';
import type { Order, OrderServiceMethods, PlaceOrderRequest } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';

/** gateway -> order. The user is never sent: order reads it from the passport. */
@Injectable()
export class OrderClient extends DownstreamClient<OrderServiceMethods> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'order');
  }

  place(request: PlaceOrderRequest): Promise<Order> {
    return this.rpc.call('PlaceOrder', request);
  }

  get(id: string): Promise<Order> {
    return this.rpc.call('GetOrder', { id });
  }

  async listMine(): Promise<Order[]> {
    return (await this.rpc.call('ListMyOrders', {})).items;
  }

  async listAll(limit: number): Promise<Order[]> {
    return (await this.rpc.call('AdminListOrders', { limit })).items;
  }
}
