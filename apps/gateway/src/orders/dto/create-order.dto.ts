import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ORDER_LIMITS } from '@shop/contracts';

export class OrderItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ minimum: 1, maximum: ORDER_LIMITS.maxQuantity })
  @IsInt()
  @Min(1)
  @Max(ORDER_LIMITS.maxQuantity)
  quantity: number;
}

export class PaymentCardDto {
  @ApiProperty({ example: '4242424242424242', description: 'Never stored or logged; payment keeps brand and last 4.' })
  @Matches(/^\d{13,19}$/)
  cardNumber: string;

  @ApiProperty({ minimum: 1, maximum: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth: number;

  @ApiProperty({ minimum: 2000, maximum: 2100 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear: number;

  @ApiProperty({ example: '123' })
  @Matches(/^\d{3,4}$/)
  cvc: string;
}

/**
 * Exactly what a client may send. Anything else (status, ownerId, price,
 * total...) is refused with 400 REQUEST.UNKNOWN_FIELD by the global pipe.
 */
export class CreateOrderDto {
  @ApiProperty({ type: [OrderItemDto], minItems: 1, maxItems: ORDER_LIMITS.maxLines })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ORDER_LIMITS.maxLines)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];

  @ApiProperty({ type: PaymentCardDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PaymentCardDto)
  payment: PaymentCardDto;
}
