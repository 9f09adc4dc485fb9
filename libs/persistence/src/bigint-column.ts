import type { ValueTransformer } from 'typeorm';

/**
 * For `bigint` columns (money in minor units): node-postgres returns int8 as
 * a string, since it may exceed 2^53. Every amount the shop stores is far
 * below that, so entities read it as a plain number.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string) => Number(value),
};
