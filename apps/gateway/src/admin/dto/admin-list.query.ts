import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * `?limit=` of the admin order list. Validated like a body, so `abc`, `1.5`
 * or `0` is a 400 REQUEST.VALIDATION_FAILED. (Before issue 14 a
 * DefaultValuePipe turned the NaN of `abc` into the default and answered 200.)
 */
export class AdminListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  // order clamps to the same 500 (apps/order/src/read-orders/read-orders.controller.ts).
  @Max(500)
  limit?: number;
}
