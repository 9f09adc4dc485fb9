import { Header, applyDecorators } from '@nestjs/common';

/**
 * For responses that carry tokens: never stored by a browser or a proxy
 * (RFC 6749 section 5.1), `Pragma` for HTTP/1.0 caches.
 */
export const NoStore = () => applyDecorators(Header('Cache-Control', 'no-store'), Header('Pragma', 'no-cache'));
