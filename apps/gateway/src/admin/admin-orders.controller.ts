import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ROLES, SCOPES } from '@shop/contracts';
import { OrderClient } from '../clients/order.client';
import { toOrderResponse, type OrderResponse } from '../orders/dto/order.response';
import { Authenticated } from '../security/authenticated.decorator';
import { AdminListQuery } from './dto/admin-list.query';
import { ApiProblems, TOKEN_PROBLEMS } from '../http/api-problems.decorator';
import { OrderListResponse } from '../http/list-responses';

@ApiTags('admin')
@Controller('api/v1/admin/orders')
export class AdminOrdersController {
  constructor(private readonly orders: OrderClient) {}

  /** Checked here (role) AND in order (role from the passport). */
  @Get()
  @Authenticated({ operation: 'admin.orders.list', scope: SCOPES.ordersRead, role: ROLES.admin })
  @ApiOperation({ summary: 'All orders (admin)' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', default: 100, minimum: 1 }, description: 'At most this many orders, newest first' })
  @ApiOkResponse({ type: OrderListResponse })
  @ApiProblems(...TOKEN_PROBLEMS, 'AUTH.INSUFFICIENT_SCOPE', 'AUTH.FORBIDDEN', 'REQUEST.VALIDATION_FAILED')
  async list(@Query() query: AdminListQuery): Promise<{ items: OrderResponse[] }> {
    return { items: (await this.orders.listAll(query.limit ?? 100)).map(toOrderResponse) };
  }
}
