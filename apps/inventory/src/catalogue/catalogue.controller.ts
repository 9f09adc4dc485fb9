import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { INVENTORY_V1, type InventoryServiceMethods } from '@shop/contracts';
import { CatalogueService } from './catalogue.service';

type Methods = InventoryServiceMethods;

/** Public catalogue reads: the topology marks them public (no passport needed). */
@Controller()
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @GrpcMethod(INVENTORY_V1.service, 'ListProducts')
  async listProducts(): Promise<Methods['ListProducts']['response']> {
    return { items: await this.catalogue.list() };
  }

  @GrpcMethod(INVENTORY_V1.service, 'GetProduct')
  getProduct(@Payload() request: Methods['GetProduct']['request']): Promise<Methods['GetProduct']['response']> {
    return this.catalogue.get(request.id);
  }
}
