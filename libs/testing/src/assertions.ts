import { ShopError } from '@shop/contracts';

/** The stable code of the ShopError `run` throws, or undefined when it throws nothing. */
export function shopErrorCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ShopError) return error.code;
    throw error;
  }
  return undefined;
}
