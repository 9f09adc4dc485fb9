import type { Provider } from '@nestjs/common';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { IMAGE_IMPORT_POLICY, SsrfGuard, hostTableResolver, systemResolver } from '@shop/security/ssrf';
import { IMAGE_GUARD } from './product-image.constants';

/**
 * The one way inventory reaches a URL. Outside tests it resolves through the
 * system and treats only public addresses as reachable; tests and the lab
 * (never production, libs/config refuses it) add their stand-in names and
 * one exempt stand-in endpoint.
 */
export const imageGuardProvider: Provider = {
  provide: IMAGE_GUARD,
  inject: [SERVICE_RUNTIME],
  useFactory: ({ config, events, logger }: ServiceRuntime) => {
    const test = config.ssrfTest;
    if (test) logger.warn({ ssrfTest: test }, 'SSRF guard uses test stand-ins (names and one exempt endpoint); never in production');
    return new SsrfGuard({
      policy: { ...IMAGE_IMPORT_POLICY, exemptEndpoint: test?.publicEndpoint },
      resolver: test ? hostTableResolver(test.hosts) : systemResolver,
      events,
      enforced: config.lab.isOn('ssrf-guard'),
    });
  },
};
