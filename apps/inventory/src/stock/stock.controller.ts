import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { INVENTORY_V1, type InventoryServiceMethods, type Principal } from '@shop/contracts';
import { CompensatingPrincipal, CurrentPrincipal } from '@shop/platform';
import { StockService } from './stock.service';

type Methods = InventoryServiceMethods;

/** Called by order only (topology), with the user's passport (or, for a release by saga recovery, none). */
@Controller()
export class StockController {
  constructor(private readonly stock: StockService) {}

  @GrpcMethod(INVENTORY_V1.service, 'ReserveStock')
  reserve(@Payload() request: Methods['ReserveStock']['request'], @CurrentPrincipal() principal: Principal) {
    return this.stock.reserve(principal, request.orderId, request.lines);
  }

  @GrpcMethod(INVENTORY_V1.service, 'ReleaseStock')
  release(@Payload() request: Methods['ReleaseStock']['request'], @CompensatingPrincipal() principal: Principal) {
    return this.stock.release(principal, request.orderId);
  }
}
