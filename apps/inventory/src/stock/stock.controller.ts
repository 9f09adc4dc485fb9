import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { INVENTORY_V1, type InventoryServiceMethods, type Principal } from '@shop/contracts';
import { OrderBoundPrincipal } from '@shop/platform';
import { CatalogueService } from '../catalogue/catalogue.service';
import { StockService } from './stock.service';

type Methods = InventoryServiceMethods;

/**
 * Called by order only (topology), with a passport bound to the request's order.
 * Whatever the outcome, the catalogue's cached stock is dropped afterwards.
 */
@Controller()
export class StockController {
  constructor(
    private readonly stock: StockService,
    private readonly catalogue: CatalogueService,
  ) {}

  @GrpcMethod(INVENTORY_V1.service, 'ReserveStock')
  reserve(@Payload() request: Methods['ReserveStock']['request'], @OrderBoundPrincipal() principal: Principal) {
    return this.stock.reserve(principal, request.orderId, request.lines).finally(() => this.catalogue.stockChanged());
  }

  @GrpcMethod(INVENTORY_V1.service, 'ReleaseStock')
  release(@Payload() request: Methods['ReleaseStock']['request'], @OrderBoundPrincipal() principal: Principal) {
    return this.stock.release(principal, request.orderId).finally(() => this.catalogue.stockChanged());
  }
}
