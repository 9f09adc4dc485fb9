import { Module } from '@nestjs/common';
import { CatalogueController } from './catalogue/catalogue.controller';
import { CatalogueService } from './catalogue/catalogue.service';
import { StockController } from './stock/stock.controller';
import { StockService } from './stock/stock.service';

@Module({ controllers: [CatalogueController, StockController], providers: [CatalogueService, StockService] })
export class InventoryModule {}
