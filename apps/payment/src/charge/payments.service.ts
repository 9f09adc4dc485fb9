import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ShopError, isUuid, type ChargeRequest, type Payment, type Principal } from '@shop/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { OwnedData } from '@shop/security/ownership';
import { decide, summarize } from './card-processor';
import { assertChargeInput } from './charge-input';
import { PaymentEntity } from './payment.entity';

function toPayment(entity: PaymentEntity): Payment {
  return {
    id: entity.id,
    orderId: entity.orderId,
    status: entity.status,
    amount: entity.amount,
    currency: entity.currency ?? '',
    cardBrand: entity.cardBrand ?? '',
    cardLast4: entity.cardLast4 ?? '',
    declineCode: entity.declineCode ?? '',
  };
}

@Injectable()
export class PaymentsService {
  constructor(
    /** From OwnershipModule (through PlatformModule). */
    private readonly data: OwnedData,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  /**
   * Charges at most once per order. A retry with the same amount returns the
   * first outcome (approved or declined) without charging again; a retry
   * with different details is a conflict. An order whose saga already gave
   * up (its refund left a VOIDED tombstone) is never charged.
   */
  async charge(principal: Principal, request: ChargeRequest): Promise<Payment> {
    assertChargeInput(request);
    // Test and lab only: a slow card network, so a charge can land after order gave up.
    await this.runtime.config.faults.before('Charge');

    return this.data.forOwner(principal, async (scope) => {
      const payments = scope.repository(PaymentEntity);
      const decision = decide(request.card);
      const summary = summarize(request.card);
      const row = {
        id: randomUUID(),
        orderId: request.orderId,
        status: decision.approved ? ('APPROVED' as const) : ('DECLINED' as const),
        amount: request.amount,
        currency: request.currency,
        cardBrand: summary.brand,
        cardLast4: summary.last4,
        declineCode: decision.approved ? null : decision.declineCode,
        refundedAt: null,
      };
      // At most one charge per order: the unique order_id decides, in one round trip.
      if (await payments.insertIfAbsent(row)) return toPayment({ ...row, ownerId: scope.ownerId, createdAt: new Date() });
      const existing = await payments.findOne({ orderId: request.orderId });
      // Invisible under RLS and the owner filter: another user's order. Answer
      // "not found", like every other cross-owner read, so existence is not disclosed.
      if (!existing) throw new ShopError('PAYMENT.NOT_FOUND');
      return this.replay(existing, request);
    });
  }

  private replay(existing: PaymentEntity, request: ChargeRequest): Payment {
    if (existing.status === 'VOIDED') {
      this.runtime.logger.warn({ orderId: existing.orderId }, 'late charge refused: the order gave up and voided it');
      throw new ShopError('PAYMENT.VOIDED');
    }
    if (existing.amount !== request.amount || existing.currency !== request.currency || existing.cardLast4 !== request.card.number.slice(-4)) {
      throw new ShopError('PAYMENT.CONFLICT');
    }
    return toPayment(existing);
  }

  /**
   * Refunds an approved charge; refunding twice returns the refunded payment.
   * With no charge yet, it leaves a VOIDED tombstone in the charge's place:
   * both race for the same unique order_id, so whichever commits second sees
   * the other, and a charge still in flight can never land after this.
   */
  async refund(principal: Principal, orderId: string): Promise<Payment> {
    if (!isUuid(orderId)) throw new ShopError('PAYMENT.NOT_FOUND');
    return this.data.forOwner(principal, async (scope) => {
      const payments = scope.repository(PaymentEntity);
      const tombstone = { id: randomUUID(), orderId, status: 'VOIDED' as const, amount: 0, currency: null, cardBrand: null, cardLast4: null, declineCode: null, refundedAt: new Date() };
      if (await payments.insertIfAbsent(tombstone)) return toPayment({ ...tombstone, ownerId: scope.ownerId, createdAt: new Date() });
      const existing = await payments.findOne({ orderId }, { lock: true });
      // Another user's order: "not found", as for every cross-owner access.
      if (!existing) throw new ShopError('PAYMENT.NOT_FOUND');
      if (existing.status === 'APPROVED') {
        const refundedAt = new Date();
        await payments.update({ id: existing.id }, { status: 'REFUNDED', refundedAt });
        return toPayment({ ...existing, status: 'REFUNDED', refundedAt });
      }
      return toPayment(existing);
    });
  }
}
