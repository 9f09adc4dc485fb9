import { Body, Controller, Get, Headers, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY, SCOPES, ShopError, isIdempotencyKey } from '@shop/contracts';
import { OrderClient } from '../clients/order.client';
import { Authenticated } from '../security/authenticated.decorator';
import { CreateOrderDto } from './dto/create-order.dto';
import { OrderResponse, toOrderResponse } from './dto/order.response';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { ApiProblems, BODY_PROBLEMS, TOKEN_PROBLEMS } from '../http/api-problems.decorator';
import { OrderListResponse } from '../http/list-responses';

@ApiTags('orders')
@Controller('api/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrderClient) {}

  @Post()
  @Authenticated({ operation: 'orders.place', scope: SCOPES.ordersWrite })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: `${IDEMPOTENCY_KEY.minLength}-${IDEMPOTENCY_KEY.maxLength} chars of [${IDEMPOTENCY_KEY.characters}]; retries with the same key return the same order` })
  @ApiOperation({ summary: 'Check out: reserve stock, charge the card, confirm' })
  @ApiCreatedResponse({ type: OrderResponse, description: 'The confirmed order (a retry with the same Idempotency-Key answers the same order)' })
  @ApiProblems(...BODY_PROBLEMS, ...TOKEN_PROBLEMS, 'AUTH.INSUFFICIENT_SCOPE', 'ORDER.IDEMPOTENCY_KEY_REQUIRED', 'ORDER.IDEMPOTENCY_KEY_REUSED', 'ORDER.IN_PROGRESS', 'ORDER.UNKNOWN_PRODUCT', 'ORDER.OUT_OF_STOCK', 'ORDER.PAYMENT_DECLINED')
  async create(@Headers('idempotency-key') key: string | undefined, @Body() body: CreateOrderDto): Promise<OrderResponse> {
    if (!isIdempotencyKey(key)) throw new ShopError('ORDER.IDEMPOTENCY_KEY_REQUIRED');
    const order = await this.orders.place({
      idempotencyKey: key,
      items: body.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
      card: { number: body.payment.cardNumber, expMonth: body.payment.expMonth, expYear: body.payment.expYear, cvc: body.payment.cvc },
    });
    return toOrderResponse(order);
  }

  @Get()
  @Authenticated({ operation: 'orders.list', scope: SCOPES.ordersRead })
  @ApiOperation({ summary: "The caller's own orders" })
  @ApiOkResponse({ type: OrderListResponse })
  @ApiProblems(...TOKEN_PROBLEMS, 'AUTH.INSUFFICIENT_SCOPE')
  async list(): Promise<{ items: OrderResponse[] }> {
    return { items: (await this.orders.listMine()).map(toOrderResponse) };
  }

  @Get(':id')
  @Authenticated({ operation: 'orders.get', scope: SCOPES.ordersRead })
  @ApiOperation({ summary: 'One of the caller\'s orders; anyone else\'s is 404' })
  @ApiOkResponse({ type: OrderResponse })
  @ApiProblems(...TOKEN_PROBLEMS, 'AUTH.INSUFFICIENT_SCOPE', 'ORDER.NOT_FOUND', 'REQUEST.VALIDATION_FAILED')
  async get(@Param('id') id: string): Promise<OrderResponse> {
    return toOrderResponse(await this.orders.get(id));
  }
}
