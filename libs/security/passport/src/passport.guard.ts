import { METADATA_KEYS, ShopError } from '@shop/contracts';
import type { CallGuard, InboundCall } from '@shop/grpc';
import type { SecurityEvents } from '@shop/security/audit';
import { policiesOf, type ServiceName } from '@shop/topology';
import { passportFailureReason } from './passport-errors';
import type { PassportVerifier } from './passport-verifier';

export interface PassportGuardOptions {
  readonly server: ServiceName;
  readonly verifier: PassportVerifier;
  /** False only in lab mode with `passport` switched off. */
  readonly enforced: boolean;
  readonly events: SecurityEvents;
}

/**
 * Requires a valid passport on every RPC the topology does not mark public,
 * and hands the handler the typed principal it proves. The raw passport is
 * kept on the request context so outbound calls forward it unchanged.
 */
export class PassportGuard implements CallGuard {
  readonly name = 'passport';
  private readonly publicPaths: ReadonlySet<string>;
  /** Compensating RPCs: saga recovery may call them without a passport (topology). */
  private readonly compensationPaths: ReadonlySet<string>;

  constructor(private readonly options: PassportGuardOptions) {
    this.publicPaths = new Set(
      policiesOf(options.server)
        .filter((p) => p.public)
        .map((p) => p.path),
    );
    this.compensationPaths = new Set(
      policiesOf(options.server)
        .filter((p) => p.compensation)
        .map((p) => p.path),
    );
  }

  async admit(inbound: InboundCall): Promise<void> {
    if (this.publicPaths.has(inbound.path)) return;
    const token = inbound.metadata.get(METADATA_KEYS.passport)[0];
    if ((token === undefined || token === '') && this.compensationPaths.has(inbound.path)) return;
    if (typeof token !== 'string' || token === '') {
      this.options.events.emit('passport_invalid', { reason: 'missing', detail: { rpc: inbound.path } });
      throw new ShopError('PASSPORT.MISSING');
    }
    try {
      inbound.context.principal = this.options.enforced
        ? await this.options.verifier.verify(token)
        : this.options.verifier.decodeWithoutVerification(token);
      inbound.context.passport = token;
    } catch (error) {
      this.options.events.emit('passport_invalid', { reason: passportFailureReason(error), detail: { rpc: inbound.path } });
      throw new ShopError('PASSPORT.INVALID');
    }
  }
}
