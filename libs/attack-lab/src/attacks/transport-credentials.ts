import { SECRET_FILES } from '@shop/security/secrets';
import { DEV_PKI_FILES, createCertificateAuthority, issueLeafCertificate, loadCertificateAuthority } from '@shop/security/pki';
import { spiffeIdOf } from '@shop/topology';
import { HEALTH_V1 } from '@shop/contracts';
import type { ServiceName } from '@shop/topology';
import { describeProbe, probeAs, type ProbeCredentials } from '../grpc-probe';
import type { LabTarget } from '../lab-target';

/**
 * The client credentials an attacker on the network can bring, one builder
 * per case of the transport checklist. Each is refused by mTLS on every
 * internal port; the attacks in transport*.attacks.ts show that.
 */
export type TransportCase = 'plaintext' | 'no-client-certificate' | 'foreign-ca' | 'expired-svid' | 'tls12-only';

const HOUR = 3_600_000;
export const meshCa = (target: LabTarget) => target.pkiFile(DEV_PKI_FILES.meshCa);

export const TRANSPORT_CASES: Readonly<Record<TransportCase, (target: LabTarget) => Promise<ProbeCredentials>>> = {
  plaintext: async () => ({ mode: 'plaintext' }),
  'no-client-certificate': async (target) => ({ mode: 'tls', ca: meshCa(target) }),
  // A certificate from the attacker's own CA that claims to be order.
  'foreign-ca': async (target) => {
    const rogueCa = await createCertificateAuthority({ commonName: 'rogue CA', organization: 'attacker' });
    const leaf = await issueLeafCertificate(rogueCa, { uris: [spiffeIdOf('order', target.trustDomain)] });
    return { mode: 'tls', ca: meshCa(target), cert: Buffer.from(leaf.certPem), key: Buffer.from(leaf.keyPem) };
  },
  // Order's identity, issued by the real CA, but expired an hour ago.
  'expired-svid': async (target) => {
    const ca = await loadCertificateAuthority(meshCa(target).toString(), target.pkiFile(DEV_PKI_FILES.meshCaKey).toString());
    const leaf = await issueLeafCertificate(ca, {
      uris: [spiffeIdOf('order', target.trustDomain)],
      notBefore: new Date(Date.now() - 3 * HOUR),
      notAfter: new Date(Date.now() - HOUR),
    });
    return { mode: 'tls', ca: meshCa(target), cert: Buffer.from(leaf.certPem), key: Buffer.from(leaf.keyPem) };
  },
  // Order's valid SVID, but a client that stops at TLS 1.2.
  'tls12-only': async (target) => ({
    mode: 'tls',
    ca: meshCa(target),
    cert: target.stolen('order', SECRET_FILES.svidCert),
    key: target.stolen('order', SECRET_FILES.svidKey),
    maxVersion: 'TLSv1.2',
  }),
};

/**
 * A refused connection proves something only if the port is up and lets a
 * legitimate workload in: checked with order's real SVID before the attack,
 * so a service that is down never counts as "blocked".
 */
export async function expectServing(target: LabTarget, service: ServiceName): Promise<void> {
  const control = await probeAs(target.identityOf('order'), target.grpcAddress(service), HEALTH_V1, 'Check', { service: '' });
  if (control.kind === 'transport_failure') throw new Error(`${service} at ${target.grpcAddress(service)} does not answer a valid workload: ${describeProbe(control)}`);
}
