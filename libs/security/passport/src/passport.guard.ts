import { METADATA_KEYS, ShopError, type Principal } from '@shop/contracts';
import type { CallGuard, InboundCall } from '@shop/grpc';
import type { SecurityEvents } from '@shop/security/audit';
import { policiesOf, type RpcPolicy, type ServiceName } from '@shop/topology';
import { passportFailureReason } from './passport-errors';
import type { PassportVerifier } from './passport-verifier';

export interface PassportGuardOptions {
  readonly server: ServiceName;
  readonly verifier: PassportVerifier;
  /** False only in lab mode with `passport` switched off. */
  readonly enforced: boolean;
  /** False only in lab mode with `passport-binding` switched off: no operation or order check. */
  readonly bindingEnforced: boolean;
  readonly events: SecurityEvents;
}

function single(inbound: InboundCall, key: string): string | undefined {
  const value = inbound.metadata.get(key)[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Whether a passport minted for `op` may reach the RPC (unknown RPCs: never). */
function opens(policy: RpcPolicy | undefined, op: string | undefined): boolean {
  return op !== undefined && (policy?.operations ?? []).some((allowed) => allowed === op);
}

/**
 * Requires a valid passport on every RPC the topology does not mark public,
 * minted for one of the operations the RPC declares, and hands the handler
 * the typed principal it proves. The order binding of money- and
 * stock-moving RPCs needs the request body, so `@OrderBoundPrincipal()`
 * (libs/platform) checks it in the handler. The raw passport is kept on the
 * request context so outbound calls forward it unchanged.
 */
export class PassportGuard implements CallGuard {
  readonly name = 'passport';
  private readonly policies: ReadonlyMap<string, RpcPolicy>;

  constructor(private readonly options: PassportGuardOptions) {
    this.policies = new Map(policiesOf(options.server).map((p) => [p.path, p]));
  }

  async admit(inbound: InboundCall): Promise<void> {
    const policy = this.policies.get(inbound.path);
    if (policy?.public) return;
    const token = single(inbound, METADATA_KEYS.passport);
    if (!token) throw this.refuse(inbound, 'missing', 'PASSPORT.MISSING');
    const principal = await this.verify(inbound, token);
    if (this.options.bindingEnforced && !opens(policy, principal.op)) {
      throw this.refuse(inbound, 'wrong_operation', 'PASSPORT.WRONG_OPERATION', { op: principal.op ?? '' });
    }
    inbound.context.principal = principal;
    inbound.context.passport = token;
    if (!this.options.bindingEnforced) inbound.context.passportBindingWaived = true;
    const compensation = single(inbound, METADATA_KEYS.compensationPassport);
    if (compensation !== undefined) await this.admitCompensationPassport(inbound, principal, compensation);
  }

  /**
   * A checkout carries, next to its passport, the compensation passport for
   * the same user and order; order stores it to undo the checkout later.
   */
  private async admitCompensationPassport(inbound: InboundCall, principal: Principal, token: string): Promise<void> {
    const compensation = await this.verify(inbound, token);
    const matches = compensation.op === 'orders.compensate' && compensation.sub === principal.sub && compensation.orderId === principal.orderId;
    if (this.options.bindingEnforced && !matches) throw this.refuse(inbound, 'bad_compensation_passport', 'PASSPORT.INVALID');
    inbound.context.compensationPassport = token;
  }

  private async verify(inbound: InboundCall, token: string): Promise<Principal> {
    try {
      return this.options.enforced ? await this.options.verifier.verify(token) : this.options.verifier.decodeWithoutVerification(token);
    } catch (error) {
      throw this.refuse(inbound, passportFailureReason(error), 'PASSPORT.INVALID');
    }
  }

  private refuse(inbound: InboundCall, reason: string, code: 'PASSPORT.MISSING' | 'PASSPORT.INVALID' | 'PASSPORT.WRONG_OPERATION', detail: Record<string, string> = {}): ShopError {
    this.options.events.emit('passport_invalid', { reason, detail: { rpc: inbound.path, ...detail } });
    return new ShopError(code);
  }
}
