import { Inject, Injectable } from '@nestjs/common';
import { ShopError, isUuid, type Product } from '@shop/contracts';
import { DATA_SOURCE } from '@shop/platform';
import type { DataSource } from 'typeorm';
import { CatalogueCache } from './catalogue-cache';
import { ProductEntity } from './product.entity';

/** The public shape: explicit fields only, so internal ones (cost, sku) never leak. */
export function toProduct(entity: ProductEntity): Product {
  return { id: entity.id, name: entity.name, price: entity.price, currency: entity.currency, stock: entity.stock };
}

@Injectable()
export class CatalogueService {
  private readonly listCache = new CatalogueCache<Product[]>();

  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  list(): Promise<Product[]> {
    return this.listCache.read(async () => {
      const rows = await this.dataSource.getRepository(ProductEntity).find({ order: { name: 'ASC' }, take: 500 });
      return rows.map(toProduct);
    });
  }

  /** Stock moved in this process: the next list reads the database again. */
  stockChanged(): void {
    this.listCache.invalidate();
  }

  async get(id: string): Promise<Product> {
    const row = isUuid(id) ? await this.dataSource.getRepository(ProductEntity).findOneBy({ id }) : null;
    if (!row) throw new ShopError('PRODUCT.NOT_FOUND');
    return toProduct(row);
  }
}
