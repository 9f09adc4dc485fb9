import { Inject, Injectable } from '@nestjs/common';
import type { InventoryServiceMethods, Product, ProductImage, ProductImageInfo } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { IMAGE_IMPORT_POLICY } from '@shop/security/ssrf';

/** The guard may spend its whole timeout fetching; the store and the hop need a little more. */
const IMPORT_DEADLINE_MS = IMAGE_IMPORT_POLICY.timeoutMs + 3000;

/** gateway -> inventory: catalogue reads and image import (the topology forbids the rest). */
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

  importImage(productId: string, url: string): Promise<ProductImageInfo> {
    return this.rpc.call('ImportProductImage', { productId, url }, { deadlineMs: IMPORT_DEADLINE_MS });
  }

  image(productId: string): Promise<ProductImage> {
    return this.rpc.call('GetProductImage', { productId });
  }
}
