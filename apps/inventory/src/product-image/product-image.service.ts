import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ROLES, ShopError, isUuid, type Principal, type ProductImage, type ProductImageInfo } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { SsrfGuard } from '@shop/security/ssrf';
import type { DataSource } from 'typeorm';
import { ProductEntity } from '../catalogue/product.entity';
import { ProductImageEntity } from './product-image.entity';
import { IMAGE_GUARD } from './product-image.constants';

/** Kept for the record: no credentials, no query string (it may carry tokens). */
function sourceOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 2048);
}

@Injectable()
export class ProductImageService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    @Inject(IMAGE_GUARD) private readonly guard: SsrfGuard,
  ) {}

  /**
   * Admin only, checked here from the passport as well as at the gateway.
   * The role and the product are checked before any fetch, and nothing is
   * written unless the guard returned an image: a refused or failed import
   * leaves the previous image in place.
   */
  async import(principal: Principal, productId: string, url: string): Promise<ProductImageInfo> {
    this.runtime.roles.require(principal, ROLES.admin);
    if (!(await this.productExists(productId))) throw new ShopError('PRODUCT.NOT_FOUND');
    const image = await this.guard.fetchImage(url);
    const sha256 = createHash('sha256').update(image.bytes).digest('hex');
    await this.dataSource.getRepository(ProductImageEntity).upsert(
      {
        productId,
        contentType: image.contentType,
        data: image.bytes,
        sha256,
        sourceUrl: sourceOf(image.finalUrl),
        importedBy: principal.sub,
        importedAt: new Date(),
      },
      ['productId'],
    );
    this.runtime.logger.info(
      { productId, contentType: image.contentType, bytes: image.bytes.length, redirects: image.redirects, source: sourceOf(image.finalUrl) },
      'product image imported',
    );
    return { productId, contentType: image.contentType, byteSize: image.bytes.length, sha256 };
  }

  async get(productId: string): Promise<ProductImage> {
    const row = isUuid(productId) ? await this.dataSource.getRepository(ProductImageEntity).findOneBy({ productId }) : null;
    if (row) return { contentType: row.contentType, data: row.data, sha256: row.sha256 };
    throw new ShopError((await this.productExists(productId)) ? 'IMAGE.NOT_FOUND' : 'PRODUCT.NOT_FOUND');
  }

  private async productExists(id: string): Promise<boolean> {
    return isUuid(id) && (await this.dataSource.getRepository(ProductEntity).existsBy({ id }));
  }
}
