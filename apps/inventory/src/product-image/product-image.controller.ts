import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { INVENTORY_V1, type InventoryServiceMethods, type Principal } from '@shop/contracts';
import { CurrentPrincipal } from '@shop/platform';
import { ProductImageService } from './product-image.service';

type Methods = InventoryServiceMethods;

/** Called by the gateway only (topology): the import with an admin's passport, the read publicly. */
@Controller()
export class ProductImageController {
  constructor(private readonly images: ProductImageService) {}

  @GrpcMethod(INVENTORY_V1.service, 'ImportProductImage')
  import(@Payload() request: Methods['ImportProductImage']['request'], @CurrentPrincipal() principal: Principal) {
    return this.images.import(principal, request.productId, request.url);
  }

  @GrpcMethod(INVENTORY_V1.service, 'GetProductImage')
  get(@Payload() request: Methods['GetProductImage']['request']) {
    return this.images.get(request.productId);
  }
}
