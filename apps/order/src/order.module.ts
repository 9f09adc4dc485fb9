import { Module } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { InventoryClient } from './clients/inventory.client';
import { PaymentClient } from './clients/payment.client';
import { CLOCK, INVENTORY_PORT, PAYMENT_PORT, SAGA_LOGGER, SAGA_STORE, SAGA_TIMING } from './order.constants';
import { OrdersStore } from './orders/orders-store';
import { SagaOrdersRepository } from './orders/saga-orders.repository';
import { PlaceOrderController } from './place-order/place-order.controller';
import { PlaceOrderService } from './place-order/place-order.service';
import { ReadOrdersController } from './read-orders/read-orders.controller';
import { systemClock } from './saga/clock.port';
import { SagaCompensation } from './saga/saga-compensation';
import { SagaRecoveryService } from './saga-recovery/saga-recovery.service';

/** The saga's ports are bound to their adapters here, and only here. */
@Module({
  controllers: [PlaceOrderController, ReadOrdersController],
  providers: [
    OrdersStore,
    PlaceOrderService,
    SagaCompensation,
    SagaRecoveryService,
    { provide: SAGA_STORE, useClass: SagaOrdersRepository },
    { provide: INVENTORY_PORT, useClass: InventoryClient },
    { provide: PAYMENT_PORT, useClass: PaymentClient },
    { provide: CLOCK, useValue: systemClock },
    { provide: SAGA_LOGGER, useFactory: (runtime: ServiceRuntime) => runtime.logger, inject: [SERVICE_RUNTIME] },
    { provide: SAGA_TIMING, useFactory: (runtime: ServiceRuntime) => runtime.config.saga, inject: [SERVICE_RUNTIME] },
  ],
})
export class OrderModule {}
