import { Module } from '@nestjs/common';
import { InventoryClient } from './clients/inventory.client';
import { PaymentClient } from './clients/payment.client';
import { OrdersStore } from './orders/orders-store';
import { PlaceOrderController } from './place-order/place-order.controller';
import { PlaceOrderService } from './place-order/place-order.service';
import { ReadOrdersController } from './read-orders/read-orders.controller';

@Module({
  controllers: [PlaceOrderController, ReadOrdersController],
  providers: [OrdersStore, PlaceOrderService, InventoryClient, PaymentClient],
})
export class OrderModule {}
