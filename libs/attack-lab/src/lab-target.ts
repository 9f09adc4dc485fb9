import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labInternetLayout, secretsRootOf } from '@shop/dev-platform';
import { DEV_PKI_FILES } from '@shop/security/pki';
import { SECRET_FILES } from '@shop/security/secrets';
import { DEFAULT_TRUST_DOMAIN, SERVICES, spiffeIdOf, type ServiceName } from '@shop/topology';
import { LabApiClient } from './patient-client';
import { StandInHosts } from './stand-in-hosts';

/**
 * A running platform under attack. The attacker is granted what the scenario
 * says it has: for "a compromised order service", order's SVID and key from
 * the dev secrets folder; for "a captured passport", one minted with the
 * gateway's key. Nothing else.
 */
export class LabTarget {
  readonly api: LabApiClient;
  private standIns?: Promise<StandInHosts>;

  constructor(
    readonly gatewayUrl: string,
    readonly devDir: string,
    readonly portOffset: number,
    readonly trustDomain = DEFAULT_TRUST_DOMAIN,
  ) {
    this.api = new LabApiClient(gatewayUrl, readFileSync(join(devDir, 'pki', 'web-ca.pem')));
  }

  grpcAddress(service: ServiceName): string {
    return `127.0.0.1:${(SERVICES[service].grpcPort as number) + this.portOffset}`;
  }

  /** A service's ops listener on loopback (`/metrics`, `/healthz`): never public, an SSRF target. */
  opsUrl(service: ServiceName, path = '/metrics'): string {
    return `http://127.0.0.1:${SERVICES[service].opsPort + this.portOffset}${path}`;
  }

  /** The SSRF lab's stand-in internet hosts (the attacker's, the metadata service), started on first use. */
  internet(): Promise<StandInHosts> {
    this.standIns ??= StandInHosts.start(labInternetLayout(this.portOffset));
    return this.standIns;
  }

  /** A file from a service's secrets folder: what an attacker inside that workload can read. */
  stolen(service: ServiceName, file: string): Buffer {
    return readFileSync(join(secretsRootOf(this.devDir), service, file));
  }

  /** Everything an attacker inside `service` holds: its SVID, key and trust bundle. */
  identityOf(service: ServiceName) {
    return {
      cert: this.stolen(service, SECRET_FILES.svidCert),
      key: this.stolen(service, SECRET_FILES.svidKey),
      ca: this.pkiFile(DEV_PKI_FILES.meshCa),
      spiffeId: spiffeIdOf(service, this.trustDomain),
    };
  }

  pkiFile(file: string): Buffer {
    return readFileSync(join(this.devDir, 'pki', file));
  }

  async close(): Promise<void> {
    await this.standIns?.then((hosts) => hosts.close(), () => undefined);
    await this.api.close();
  }
}
