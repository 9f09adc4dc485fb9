import { HEALTH_V1 } from '@shop/contracts';
import { GRPC_SERVICES } from '@shop/topology';
import { blocked, succeeded, type Attack } from '../attack';
import { describeProbe, probe } from '../grpc-probe';
import { TRANSPORT_CASES, expectServing, type TransportCase } from './transport-credentials';

/**
 * The transport checklist against every internal gRPC port, not only
 * payment's: auth, order, payment and inventory (50051-50054 by default).
 * It calls grpc.health.v1 Check, which every server has; any application
 * answer means the transport let the client in.
 */
export const TRANSPORT_SWEEP_ATTACKS: readonly Attack[] = [
  {
    id: 'mtls-every-internal-port',
    title: 'Plaintext, no certificate, foreign CA, expired SVID and TLS 1.2 against every internal port',
    controls: ['mtls'],
    run: async (target) => {
      const cases = Object.keys(TRANSPORT_CASES) as TransportCase[];
      const credentials = await Promise.all(cases.map((name) => TRANSPORT_CASES[name](target)));
      const reached: string[] = [];
      for (const service of GRPC_SERVICES) {
        const address = target.grpcAddress(service);
        await expectServing(target, service);
        for (const [index, name] of cases.entries()) {
          const result = await probe(address, HEALTH_V1, 'Check', { service: '' }, credentials[index]);
          if (result.kind !== 'transport_failure') reached.push(`${service} ${address} ${name}: ${describeProbe(result)}`);
        }
      }
      const total = GRPC_SERVICES.length * cases.length;
      return reached.length ? succeeded(`${reached.length}/${total} got in: ${reached.join('; ')}`) : blocked(`${total} probes on ${GRPC_SERVICES.length} ports, all refused at the transport`);
    },
  },
];
