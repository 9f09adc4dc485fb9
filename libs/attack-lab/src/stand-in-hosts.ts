import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LabInternetLayout } from '@shop/dev-platform';

/** A real 1x1 PNG: what a legitimate import fetches. */
export const LAB_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** Over the guard's 512 KiB cap, under the 1 MiB gRPC message the image travels in. */
export const HUGE_IMAGE_BYTES = 900 * 1024;
export const METADATA_MARKER = 'LAB-METADATA-STAND-IN';
export const HTML_MARKER = 'LAB-STORED-XSS';

export const STAND_IN_PATHS = {
  image: '/mug.png',
  hugeImage: '/huge.png',
  page: '/promo.html',
  redirect: '/redirect',
  credentials: '/latest/meta-data/iam/security-credentials/shop-node-role',
} as const;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** The attacker's own web server on "the internet": images, a page, and an open redirect. */
const imageHost: Handler = (request, response) => {
  const url = new URL(request.url ?? '/', 'http://images.lab.test');
  if (url.pathname === STAND_IN_PATHS.image) return void response.writeHead(200, { 'content-type': 'image/png' }).end(LAB_PNG);
  if (url.pathname === STAND_IN_PATHS.hugeImage) {
    const body = Buffer.concat([LAB_PNG, Buffer.alloc(HUGE_IMAGE_BYTES - LAB_PNG.length)]);
    return void response.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
  }
  if (url.pathname === STAND_IN_PATHS.page) {
    return void response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><script>/*${HTML_MARKER}*/alert(document.domain)</script>`);
  }
  if (url.pathname === STAND_IN_PATHS.redirect) return void response.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
  response.writeHead(404).end();
};

/** Stands in for 169.254.169.254: instance credentials for whoever asks (fake ones). */
const metadataService: Handler = (request, response) => {
  if (request.url !== STAND_IN_PATHS.credentials) return void response.writeHead(404).end();
  const credentials = { Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: 'LAB-STAND-IN', Token: METADATA_MARKER };
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(credentials));
};

/**
 * The lab internet's listeners on 127.0.0.x (see labInternetLayout): what
 * the attacker runs and what the cloud would run. They count the requests
 * they get, so an attack can show that its target was, or was not, reached.
 */
export class StandInHosts {
  private readonly hits: string[] = [];

  private constructor(
    readonly layout: LabInternetLayout,
    private readonly servers: readonly Server[],
  ) {}

  static async start(layout: LabInternetLayout): Promise<StandInHosts> {
    const servers: Server[] = [];
    const hosts = new StandInHosts(layout, servers);
    for (const [address, handler] of [[layout.images.address, imageHost], [layout.metadata.address, metadataService]] as const) {
      const server = createServer((request, response) => {
        hosts.hits.push(`${address}${request.url ?? ''}`);
        handler(request, response);
      });
      try {
        await new Promise<void>((resolve, reject) => server.once('error', reject).listen(layout.port, address, resolve));
      } catch (error) {
        await hosts.close();
        throw new Error(`stand-in host ${address}:${layout.port}: ${(error as Error).message}`);
      }
      servers.push(server);
    }
    return hosts;
  }

  /** `http://images.lab.test:<port><path>`: a URL on the attacker's host. */
  imageUrl(path: string): string {
    return `http://${this.layout.images.name}:${this.layout.port}${path}`;
  }

  metadataUrl(): string {
    return `http://${this.layout.metadata.name}:${this.layout.port}${STAND_IN_PATHS.credentials}`;
  }

  /** Requests seen so far whose address+path starts with `prefix`. */
  hitsOf(prefix: string): number {
    return this.hits.filter((hit) => hit.startsWith(prefix)).length;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
