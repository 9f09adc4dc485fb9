import type { ImageType } from './image-signature';

/** A single address and port let through although it is not public: test stand-ins only. */
export interface ExemptEndpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * What the guard allows. Every limit is explicit here rather than a library
 * default, so a reader sees the whole policy in one place.
 */
export interface SsrfPolicy {
  /** URL schemes, with the colon as `URL#protocol` spells them. */
  readonly schemes: readonly string[];
  /** Destination ports. A URL without a port uses its scheme's default (80, 443). */
  readonly ports: readonly number[];
  /** Longest URL accepted, in characters. */
  readonly maxUrlLength: number;
  /** Redirects followed; each hop is checked again like the first URL. */
  readonly maxRedirects: number;
  /** Largest body, counted while it streams in. */
  readonly maxBytes: number;
  /** For the whole fetch: every hop, connect, headers and body. */
  readonly timeoutMs: number;
  /** Types recognised from the first bytes of the body (magic numbers). */
  readonly imageTypes: readonly ImageType[];
  /**
   * Test only (libs/config refuses it with SHOP_ENV=production): one
   * non-public address and port the tests use as their "internet host".
   */
  readonly exemptEndpoint?: ExemptEndpoint;
}

/**
 * The product image import policy. Ports: 80 and 443 only, the defaults of
 * the two schemes; internal services on odd ports (ops 9100-9104, databases,
 * admin consoles) are not reachable even on a public address.
 */
export const IMAGE_IMPORT_POLICY: SsrfPolicy = {
  schemes: ['https:', 'http:'],
  ports: [80, 443],
  maxUrlLength: 2048,
  maxRedirects: 3,
  maxBytes: 512 * 1024,
  timeoutMs: 5000,
  imageTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
};

/**
 * Lab mode with `ssrf-guard` off still stops at this size, so the lab shows
 * an over-the-cap body getting through without knocking the platform over
 * (it stays under the 1 MiB gRPC message limit the image travels in).
 */
export const LAB_UNGUARDED_MAX_BYTES = 960 * 1024;
/** Redirects an unguarded fetch follows, like a typical HTTP client's default. */
export const LAB_UNGUARDED_MAX_REDIRECTS = 5;
