import { Inject, Injectable } from '@nestjs/common';
import type { ChargeRequest, Payment, PaymentServiceMethods } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { PaymentPort } from './payment.port';

/** order -> payment: Charge, Refund. */
@Injectable()
export class PaymentClient extends DownstreamClient<PaymentServiceMethods> implements PaymentPort {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'payment');
  }

  charge(request: ChargeRequest): Promise<Payment> {
    return this.rpc.call('Charge', request);
  }

  /** Carries the order's compensation passport (SagaCompensation sets it). */
  refund(orderId: string): Promise<Payment> {
    return this.rpc.call('Refund', { orderId });
  }
}
