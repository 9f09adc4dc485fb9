import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueService } from './catalogue/catalogue.service';
import { imageGuardProvider } from './product-image/image-guard.provider';
import { ProductImageController } from './product-image/product-image.controller';
import { ProductImageService } from './product-image/product-image.service';
import { StockController } from './stock/stock.controller';
import { StockService } from './stock/stock.service';

@Module({
  controllers: [CatalogueController, StockController, ProductImageController],
  providers: [CatalogueService, StockService, ProductImageService, imageGuardProvider],
})
export class InventoryModule {}
