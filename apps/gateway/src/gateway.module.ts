import { Module, type DynamicModule } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { PlatformModule, type ServiceRuntime } from '@shop/platform';
import { AdminOrdersController } from './admin/admin-orders.controller';
import { AdminProductsController } from './admin/admin-products.controller';
import { AuthController } from './auth/auth.controller';
import { JwksController } from './auth/jwks.controller';
import { ProductsController } from './catalogue/products.controller';
import { InventoryClient } from './clients/inventory.client';
import { OrderClient } from './clients/order.client';
import { ACCESS_LOG } from './http/access-log';
import { OrdersController } from './orders/orders.controller';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { SecurityModule } from './security/security.module';
import { ConsoleController } from './web/console/console.controller';

@Module({})
export class GatewayModule {
  static forRuntime(runtime: ServiceRuntime): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forRuntime(runtime, undefined, ACCESS_LOG), PassportModule, RateLimitModule, SecurityModule],
      controllers: [AuthController, JwksController, ProductsController, OrdersController, AdminOrdersController, AdminProductsController, ConsoleController],
      providers: [OrderClient, InventoryClient],
    };
  }
}
