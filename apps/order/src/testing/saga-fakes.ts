import { ShopError, type ChargeRequest, type Order, type Payment, type Principal, type Reservation, type StockLine } from '@shop/contracts';
import type { InventoryPort } from '../clients/inventory.port';
import type { PaymentPort } from '../clients/payment.port';
import { requestContext } from '@shop/observability';
import type { CheckoutStart, Finish, PendingOrder, SagaStorePort } from '../orders/saga-store.port';
import type { Clock } from '../saga/clock.port';
import type { SagaLogger } from '../saga/saga-logger.port';

/**
 * In-memory stand-ins for the saga's ports, for unit tests of its control
 * flow (compensation paths, deadlines, recovery). The real adapters are
 * covered by the e2e tests against real processes and PostgreSQL.
 */
export class ManualClock implements Clock {
  constructor(private current = new Date('2030-01-01T00:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class MemoryLogger implements SagaLogger {
  readonly lines: Array<{ level: string; message: string }> = [];
  info = (_fields: object, message: string) => void this.lines.push({ level: 'info', message });
  warn = (_fields: object, message: string) => void this.lines.push({ level: 'warn', message });
  error = (_fields: object, message: string) => void this.lines.push({ level: 'error', message });
}

export class MemorySagaStore implements SagaStorePort {
  readonly orders = new Map<string, Order & { ownerId: string; key: string; created: Date; compensationPassport: string | null }>();
  private nextId = 1;

  async startOrReplay(principal: Principal, { key, now, compensationPassport }: CheckoutStart): Promise<{ replay: Order } | { pending: PendingOrder }> {
    const existing = [...this.orders.values()].find((o) => o.ownerId === principal.sub && o.key === key);
    if (existing) return { replay: existing };
    const id = `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    const order = { id, status: 'PENDING' as const, items: [], total: 0, currency: 'EUR', createdAt: now.toISOString(), failureCode: '', ownerId: principal.sub, key, created: now, compensationPassport };
    this.orders.set(id, order);
    return { pending: { id, ownerId: principal.sub, createdAt: now, compensationPassport } };
  }

  async finish(pending: PendingOrder, finish: Finish): Promise<Order> {
    const order = this.orders.get(pending.id) as Order & { created: Date };
    const late = finish.notCreatedBefore !== undefined && (order.created < finish.notCreatedBefore || order.failureCode !== '');
    if (order.status !== 'PENDING' || late) return order;
    const lines = finish.reservation?.lines ?? [];
    Object.assign(order, { status: finish.status, failureCode: finish.failure ?? '', items: lines, total: finish.reservation?.total ?? 0 });
    return order;
  }

  async stalePending(cutoff: Date, limit: number): Promise<PendingOrder[]> {
    return [...this.orders.values()]
      .filter((o) => o.status === 'PENDING' && o.created < cutoff)
      .slice(0, limit)
      .map((o) => ({ id: o.id, ownerId: o.ownerId, createdAt: o.created, compensationPassport: o.compensationPassport }));
  }

  async claimForRecovery(pending: PendingOrder, cutoff: Date): Promise<boolean> {
    const order = this.orders.get(pending.id) as Order & { created: Date };
    if (order.status !== 'PENDING' || order.created >= cutoff) return false;
    order.failureCode = 'RECOVERING';
    return true;
  }

  status(id: string): string | undefined {
    return this.orders.get(id)?.status;
  }
}

type Behaviour<T> = () => Promise<T>;

/** The passport an outbound call would carry right now (what RpcClient sends). */
function passportInUse(): string {
  return requestContext.current()?.passport ?? 'no passport';
}
const unavailable = () => Promise.reject(new ShopError('UPSTREAM.UNAVAILABLE'));

/** Records every call; each call's outcome is scripted (by default: it works). */
export class ScriptedInventory implements InventoryPort {
  readonly calls: string[] = [];
  onReserve: Behaviour<Reservation> = async () => reservationOf(this.lastLines);
  onRelease: Behaviour<Reservation> = async () => ({ ...reservationOf(this.lastLines), status: 'RELEASED' });
  private lastLines: StockLine[] = [];

  reserve(orderId: string, lines: StockLine[]): Promise<Reservation> {
    this.calls.push(`reserve ${orderId}`);
    this.lastLines = lines;
    return this.onReserve();
  }
  release(orderId: string): Promise<Reservation> {
    this.calls.push(`release ${orderId} with ${passportInUse()}`);
    return this.onRelease();
  }
  failReleases(): void {
    this.onRelease = unavailable;
  }
}

export class ScriptedPayment implements PaymentPort {
  readonly calls: string[] = [];
  onCharge: (request: ChargeRequest) => Promise<Payment> = async (request) => paymentOf(request.orderId, 'APPROVED');
  onRefund: Behaviour<Payment> = async () => paymentOf('', 'VOIDED');

  charge(request: ChargeRequest): Promise<Payment> {
    this.calls.push(`charge ${request.orderId}`);
    return this.onCharge(request);
  }
  refund(orderId: string): Promise<Payment> {
    this.calls.push(`refund ${orderId} with ${passportInUse()}`);
    return this.onRefund();
  }
  failRefunds(): void {
    this.onRefund = unavailable;
  }
}

function reservationOf(lines: StockLine[]): Reservation {
  const reserved = lines.map((l) => ({ ...l, unitPrice: 1000 }));
  return { orderId: '', status: 'RESERVED', lines: reserved, total: reserved.reduce((s, l) => s + l.quantity * l.unitPrice, 0), currency: 'EUR' };
}

export function paymentOf(orderId: string, status: Payment['status'], declineCode = ''): Payment {
  return { id: 'p', orderId, status, amount: 1000, currency: 'EUR', cardBrand: 'visa', cardLast4: '4242', declineCode };
}
