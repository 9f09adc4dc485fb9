/**
 * The lab's stand-in "internet" for the SSRF guard. No packet may leave
 * 127.0.0.0/8, so the image host the attacker controls and the cloud
 * metadata service are HTTP listeners on 127.0.0.x (started by the attack
 * lab), and inventory reaches them by `.test` names through a host table
 * (SHOP_TEST_SSRF_HOSTS). The guard's blocklist still covers all of
 * 127.0.0.0/8: exactly one endpoint, the image host, is let through
 * (SHOP_TEST_SSRF_PUBLIC_ENDPOINT), and libs/config refuses both settings
 * with SHOP_ENV=production.
 */
export interface LabInternetLayout {
  /** Every stand-in listens on this port; like the services' ports it moves with SHOP_PORT_OFFSET. */
  readonly port: number;
  /** The attacker's image host: the one stand-in the guard treats as public. */
  readonly images: { readonly name: string; readonly address: string };
  /** Stands in for 169.254.169.254, which nothing here ever contacts. */
  readonly metadata: { readonly name: string; readonly address: string };
  /** A name that resolves to 127.0.0.1, where the services' ops ports listen. */
  readonly loopbackName: string;
}

export const LAB_INTERNET_PORT_BASE = 8480;

export function labInternetLayout(portOffset: number): LabInternetLayout {
  return {
    port: LAB_INTERNET_PORT_BASE + portOffset,
    images: { name: 'images.lab.test', address: '127.0.0.2' },
    metadata: { name: 'metadata.lab.test', address: '127.0.0.3' },
    loopbackName: 'loopback.lab.test',
  };
}

/** What inventory needs to see the layout: set by startPlatform outside production only. */
export function labInternetEnvironment(layout: LabInternetLayout): Record<string, string> {
  const hosts = [layout.images, layout.metadata, { name: layout.loopbackName, address: '127.0.0.1' }];
  return {
    SHOP_TEST_SSRF_HOSTS: hosts.map((h) => `${h.name}=${h.address}`).join(','),
    SHOP_TEST_SSRF_PUBLIC_ENDPOINT: `${layout.images.address}:${layout.port}`,
  };
}
