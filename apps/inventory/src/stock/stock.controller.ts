import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { INVENTORY_V1, type InventoryServiceMethods, type Principal } from '@shop/contracts';
import { OrderBoundPrincipal } from '@shop/platform';
import { StockService } from './stock.service';

type Methods = InventoryServiceMethods;

/** Called by order only (topology), with a passport bound to the request's order. */
@Controller()
export class StockController {
  constructor(private readonly stock: StockService) {}

  @GrpcMethod(INVENTORY_V1.service, 'ReserveStock')
  reserve(@Payload() request: Methods['ReserveStock']['request'], @OrderBoundPrincipal() principal: Principal) {
    return this.stock.reserve(principal, request.orderId, request.lines);
  }

  @GrpcMethod(INVENTORY_V1.service, 'ReleaseStock')
  release(@Payload() request: Methods['ReleaseStock']['request'], @OrderBoundPrincipal() principal: Principal) {
    return this.stock.release(principal, request.orderId);
  }
}
