import { ShopError, type ErrorCode } from '@shop/contracts';

/**
 * Why the guard refused a fetch. Each reason is the `reason` of an
 * `ssrf_blocked` security event and maps to one stable error code.
 */
export const SSRF_REFUSAL_CODES = {
  url_invalid: 'SSRF.URL_INVALID',
  scheme_not_allowed: 'SSRF.SCHEME_NOT_ALLOWED',
  credentials_in_url: 'SSRF.CREDENTIALS_IN_URL',
  host_unresolvable: 'SSRF.HOST_UNRESOLVABLE',
  address_not_allowed: 'SSRF.ADDRESS_NOT_ALLOWED',
  port_not_allowed: 'SSRF.PORT_NOT_ALLOWED',
  too_many_redirects: 'SSRF.TOO_MANY_REDIRECTS',
  too_large: 'SSRF.TOO_LARGE',
  not_an_image: 'SSRF.NOT_AN_IMAGE',
  timeout: 'SSRF.TIMEOUT',
} as const satisfies Record<string, ErrorCode>;

export type SsrfRefusalReason = keyof typeof SSRF_REFUSAL_CODES;

/** Non-secret facts about a refusal, for the security event (never for the client). */
export type RefusalDetail = Readonly<Record<string, string | number | boolean>>;

/**
 * A refusal by the guard. The client sees the stable code and its generic
 * title only: the resolved address and its range go to the security event,
 * so the answer is not a map of the internal network.
 */
export class SsrfRefusal extends ShopError {
  constructor(
    readonly reason: SsrfRefusalReason,
    readonly eventDetail: RefusalDetail = {},
  ) {
    super(SSRF_REFUSAL_CODES[reason]);
    this.name = 'SsrfRefusal';
  }
}
