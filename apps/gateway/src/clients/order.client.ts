import { Inject, Injectable } from '@nestjs/common';
import { METADATA_KEYS, type Order, type OrderServiceMethods, type PlaceOrderRequest } from '@shop/contracts';
import { requestContext } from '@shop/observability';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';

/** gateway -> order. The user is never sent: order reads it from the passport. */
@Injectable()
export class OrderClient extends DownstreamClient<OrderServiceMethods> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'order');
  }

  /** Sends the checkout's compensation passport (minted by BearerGuard) to order, on this call only. */
  place(request: PlaceOrderRequest): Promise<Order> {
    const compensation = requestContext.current()?.compensationPassport;
    const metadata: Record<string, string> = compensation ? { [METADATA_KEYS.compensationPassport]: compensation } : {};
    return this.rpc.call('PlaceOrder', request, { metadata });
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
