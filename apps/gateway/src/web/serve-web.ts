import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from '@shop/observability';
import type { ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { WEB_CSP } from './web-csp';

/** dist/apps/gateway/src/web -> dist/web, where `vite build apps/web` writes. */
export const DEFAULT_WEB_DIR = resolve(__dirname, '../../../../web');

/** Vite names assets by content hash, so they never change under their name. */
function setWebHeaders(response: ServerResponse, path: string): void {
  // Overrides the API's CSP (helmet, production: default-src 'none') for pages only.
  response.setHeader('Content-Security-Policy', WEB_CSP);
  response.setHeader('Cache-Control', basename(path) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
}

/**
 * The API's own paths never name a storefront file. Without this check every
 * API request paid a file-system stat (and a thread-pool round trip) before
 * falling through to its route: about 6% of the gateway's CPU under load.
 */
const NOT_STOREFRONT = /^\/(api|docs)(\/|-json|$)/;

/**
 * Serves the storefront from the API's own origin, so the browser needs no
 * CORS and cookies are never involved. Only files under the build folder are
 * served (no directory listing, no dotfiles); a missing build leaves the API
 * running and says so.
 */
export function serveWebApp(app: NestExpressApplication, logger: Logger, dir = DEFAULT_WEB_DIR): void {
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the build folder, fixed at start, never a request path
  if (!existsSync(join(dir, 'index.html'))) {
    logger.warn({ dir }, 'no storefront build found (run `npm run build`); serving the API only');
    return;
  }
  const storefront = express.static(dir, { index: 'index.html', dotfiles: 'ignore', redirect: false, fallthrough: true, setHeaders: setWebHeaders });
  app.use((request: Request, response: Response, next: NextFunction) => (NOT_STOREFRONT.test(request.path) ? next() : storefront(request, response, next)));
}
