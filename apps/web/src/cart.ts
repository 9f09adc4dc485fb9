/** The cart, in memory like the session: a reload empties it. */
const lines = new Map<string, number>();

export const cart = {
  add(productId: string, quantity = 1): void {
    lines.set(productId, (lines.get(productId) ?? 0) + quantity);
  },
  set(productId: string, quantity: number): void {
    if (quantity > 0) lines.set(productId, quantity);
    else lines.delete(productId);
  },
  clear(): void {
    lines.clear();
  },
  get items(): Array<{ productId: string; quantity: number }> {
    return [...lines].map(([productId, quantity]) => ({ productId, quantity }));
  },
  get count(): number {
    return [...lines.values()].reduce((sum, n) => sum + n, 0);
  },
};
