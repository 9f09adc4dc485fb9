import type { IncomingMessage } from 'node:http';
import { ShopError } from '@shop/contracts';
import type { SecurityEvents } from '@shop/security/audit';
import { readCappedBody } from './capped-body';
import { checkDestination, parseTarget } from './destination-check';
import type { HostResolver } from './host-resolver';
import { detectImageType, type ImageType } from './image-signature';
import { requestPinned } from './pinned-request';
import { LAB_UNGUARDED_MAX_BYTES, LAB_UNGUARDED_MAX_REDIRECTS, type SsrfPolicy } from './ssrf-policy';
import { SsrfRefusal } from './ssrf-refusal';

export interface SsrfGuardOptions {
  readonly policy: SsrfPolicy;
  readonly resolver: HostResolver;
  readonly events: SecurityEvents;
  /**
   * False only in lab mode with `ssrf-guard` off: any address, port and
   * credentials, redirects followed unchecked, the remote Content-Type
   * believed, bodies up to LAB_UNGUARDED_MAX_BYTES. The timeout stays.
   */
  readonly enforced: boolean;
  /** Extra trust anchors for https (tests). */
  readonly trustedCa?: string | Buffer;
}

export interface FetchedImage {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** The URL the bytes came from, after redirects. */
  readonly finalUrl: string;
  readonly redirects: number;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** For events and logs: no credentials, no query string (it may carry tokens), bounded. */
function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`.slice(0, 200);
}

/**
 * Fetches an image from a URL an admin supplied, for a service that may
 * reach the internet but must not be turned against its own network.
 * Every refusal is an `ssrf_blocked` security event and an SsrfRefusal
 * (a ShopError with a stable `SSRF.*` code). See the README for the policy.
 */
export class SsrfGuard {
  constructor(private readonly options: SsrfGuardOptions) {}

  async fetchImage(rawUrl: string): Promise<FetchedImage> {
    const { policy, enforced } = this.options;
    const progress: { hop: number; url?: URL } = { hop: 0 };
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(enforced ? new SsrfRefusal('timeout', { timeoutMs: policy.timeoutMs }) : new ShopError('IMAGE.FETCH_FAILED', 'timed out'));
      }, policy.timeoutMs);
    });
    const work = this.follow(rawUrl, controller.signal, progress);
    // After a timeout the aborted work rejects too; that rejection is expected, not unhandled.
    work.catch(() => undefined);
    try {
      return await Promise.race([work, timedOut]);
    } catch (error) {
      if (error instanceof SsrfRefusal) this.report(error, progress.hop, progress.url);
      if (error instanceof ShopError) throw error;
      throw new ShopError('IMAGE.FETCH_FAILED', 'could not fetch the image from its host');
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  private async follow(rawUrl: string, signal: AbortSignal, progress: { hop: number; url?: URL }): Promise<FetchedImage> {
    const { policy, resolver, enforced } = this.options;
    const maxRedirects = enforced ? policy.maxRedirects : LAB_UNGUARDED_MAX_REDIRECTS;
    let url = parseTarget(rawUrl, policy, enforced);
    for (let hop = 0; ; hop++) {
      Object.assign(progress, { hop, url });
      const destination = await checkDestination(url, policy, resolver, enforced);
      const response = await requestPinned(destination, { signal, accept: policy.imageTypes.join(', '), trustedCa: this.options.trustedCa });
      const status = response.statusCode ?? 0;
      if (!REDIRECT_STATUSES.has(status)) return this.readImage(response, status, url, hop);
      response.destroy();
      if (hop >= maxRedirects) {
        if (enforced) throw new SsrfRefusal('too_many_redirects', { maxRedirects });
        throw new ShopError('IMAGE.FETCH_FAILED', 'too many redirects');
      }
      progress.hop = hop + 1;
      const location = response.headers.location;
      if (!location) throw new ShopError('IMAGE.FETCH_FAILED', `the image host answered ${status} without a Location`);
      url = parseTarget(URL.canParse(location, url.href) ? new URL(location, url).href : location, policy, enforced);
    }
  }

  private async readImage(response: IncomingMessage, status: number, url: URL, hop: number): Promise<FetchedImage> {
    const { policy, enforced } = this.options;
    if (status < 200 || status > 299) {
      response.destroy();
      throw new ShopError('IMAGE.FETCH_FAILED', `the image host answered ${status}`);
    }
    let detected: ImageType | undefined;
    const bytes = await readCappedBody(response, {
      maxBytes: enforced ? policy.maxBytes : LAB_UNGUARDED_MAX_BYTES,
      tooLarge: () => (enforced ? new SsrfRefusal('too_large', { maxBytes: policy.maxBytes }) : new ShopError('IMAGE.FETCH_FAILED', 'too large')),
      inspectHead: enforced
        ? (head) => {
            detected = detectImageType(head, policy.imageTypes);
            if (!detected) throw new SsrfRefusal('not_an_image', { head: head.subarray(0, 8).toString('hex') });
          }
        : undefined,
    });
    const contentType = detected ?? claimedContentType(response);
    return { bytes, contentType, finalUrl: url.href, redirects: hop };
  }

  private report(refusal: SsrfRefusal, hop: number, url: URL | undefined): void {
    this.options.events.emit('ssrf_blocked', {
      reason: refusal.reason,
      detail: { ...refusal.eventDetail, hop, ...(url ? { target: describeUrl(url) } : {}) },
    });
  }
}

/** Lab mode only: what the remote server claims, as a naive importer would store it. */
function claimedContentType(response: IncomingMessage): string {
  const claimed = response.headers['content-type'];
  return claimed ? claimed.slice(0, 127) : 'application/octet-stream';
}
