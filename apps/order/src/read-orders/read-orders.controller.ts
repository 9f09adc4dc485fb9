import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ORDER_V1, ShopError, isUuid, type OrderServiceMethods, type Principal } from '@shop/contracts';
import { CurrentPrincipal } from '@shop/platform';
import { OrdersStore } from '../orders/orders-store';

type Methods = OrderServiceMethods;
const MAX_ADMIN_LIMIT = 500;

@Controller()
export class ReadOrdersController {
  constructor(private readonly store: OrdersStore) {}

  /** Someone else's order is "not found", never "forbidden": existence is not disclosed. */
  @GrpcMethod(ORDER_V1.service, 'GetOrder')
  async get(@Payload() request: Methods['GetOrder']['request'], @CurrentPrincipal() principal: Principal) {
    const order = isUuid(request.id) ? await this.store.get(principal, request.id) : undefined;
    if (!order) throw new ShopError('ORDER.NOT_FOUND');
    return order;
  }

  @GrpcMethod(ORDER_V1.service, 'ListMyOrders')
  async listMine(@CurrentPrincipal() principal: Principal): Promise<Methods['ListMyOrders']['response']> {
    return { items: await this.store.listMine(principal) };
  }

  /** Function-level authorization happens here too (RoleCheck inside OwnedData.asAdmin). */
  @GrpcMethod(ORDER_V1.service, 'AdminListOrders')
  async adminList(@Payload() request: Methods['AdminListOrders']['request'], @CurrentPrincipal() principal: Principal) {
    const limit = Math.min(Math.max(request.limit || 100, 1), MAX_ADMIN_LIMIT);
    return { items: await this.store.listAll(principal, limit) };
  }
}
