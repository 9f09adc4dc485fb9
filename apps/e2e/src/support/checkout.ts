import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '@shop/dev-platform';

export const CARDS = {
  good: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' },
  declined: { cardNumber: '4000000000000002', expMonth: 12, expYear: 2040, cvc: '123' },
} as const;

export interface OrderBody {
  id: string;
  status: string;
  items: Array<{ productId: string; quantity: number; unitPrice: number }>;
  total: number;
  currency: string;
  createdAt: string;
  code?: string;
  orderId?: string;
}

export function placeOrder(
  api: ApiClient,
  token: string,
  items: Array<{ productId: string; quantity: number }>,
  card: (typeof CARDS)[keyof typeof CARDS] = CARDS.good,
  key = `e2e-${randomUUID()}`,
  headers: Record<string, string> = {},
): Promise<ApiResponse<OrderBody>> {
  return api.post<OrderBody>('/api/v1/orders', { items, payment: card }, { token, headers: { ...headers, 'Idempotency-Key': key } });
}

export async function stockOf(api: ApiClient, productId: string): Promise<number> {
  const response = await api.get<{ stock: number }>(`/api/v1/products/${productId}`);
  return response.body.stock;
}
