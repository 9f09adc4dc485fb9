import { session, type Tokens } from './session';

/** RFC 9457 problem details, as the gateway sends them. */
export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly price: number;
  readonly currency: string;
  readonly stock: number;
}

export interface Order {
  readonly id: string;
  readonly status: string;
  readonly items: ReadonlyArray<{ productId: string; quantity: number; unitPrice: number }>;
  readonly total: number;
  readonly currency: string;
  readonly createdAt: string;
  readonly failureCode?: string;
}

interface CallOptions {
  readonly method?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly auth?: boolean;
}

async function send(path: string, options: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = session.tokens?.accessToken;
  if (options.auth !== false && token) headers['Authorization'] = `Bearer ${token}`;
  // Same origin, no cookies needed: 'omit' makes sure none is ever sent, so
  // there is nothing for a cross-site request to ride on (no CSRF surface).
  // eslint-disable-next-line shop/no-unvalidated-url -- the browser, not a server: `path` is one of the API's own relative paths, and the CSP's connect-src 'self' refuses any other origin
  return fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    credentials: 'omit',
    cache: 'no-store',
  });
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { status: response.status, code: 'HTTP.' + response.status, title: response.statusText || 'Request failed' };
  }
}

/** One refresh at a time: parallel 401s share it (a reused refresh token revokes the family). */
let refreshing: Promise<boolean> | undefined;

async function refreshOnce(): Promise<boolean> {
  const refreshToken = session.tokens?.refreshToken;
  if (!refreshToken) return false;
  refreshing ??= send('/api/v1/auth/refresh', { method: 'POST', body: { refreshToken }, auth: false })
    .then(async (response) => {
      if (!response.ok) return false;
      session.start((await response.json()) as Tokens);
      return true;
    })
    .finally(() => (refreshing = undefined));
  return refreshing;
}

/** Calls the API; an expired access token is refreshed once, then the call retried. */
export async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 401 && options.auth !== false && (await refreshOnce())) response = await send(path, options);
  if (response.status === 401 && options.auth !== false) session.end();
  if (!response.ok) throw new ApiError(await problemOf(response));
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  products: () => call<{ items: Product[] }>('/api/v1/products', { auth: false }).then((r) => r.items),
  product: (id: string) => call<Product>(`/api/v1/products/${encodeURIComponent(id)}`, { auth: false }),
  login: (email: string, password: string) => call<Tokens>('/api/v1/auth/login', { method: 'POST', body: { email, password }, auth: false }),
  register: (email: string, password: string, displayName: string) =>
    call<{ id: string }>('/api/v1/auth/register', { method: 'POST', body: { email, password, displayName }, auth: false }),
  logout: (refreshToken: string) => call<void>('/api/v1/auth/logout', { method: 'POST', body: { refreshToken } }),
  placeOrder: (items: ReadonlyArray<{ productId: string; quantity: number }>, payment: unknown, idempotencyKey: string) =>
    call<Order>('/api/v1/orders', { method: 'POST', body: { items, payment }, headers: { 'Idempotency-Key': idempotencyKey } }),
  myOrders: () => call<{ items: Order[] }>('/api/v1/orders').then((r) => r.items),
  order: (id: string) => call<Order>(`/api/v1/orders/${encodeURIComponent(id)}`),
  allOrders: () => call<{ items: Order[] }>('/api/v1/admin/orders?limit=100').then((r) => r.items),
  importImage: (productId: string, url: string) =>
    call<{ href: string; contentType: string; byteSize: number }>(`/api/v1/admin/products/${encodeURIComponent(productId)}/image`, {
      method: 'POST',
      body: { url },
    }),
};
