import type { Agent, request as undiciRequest } from 'undici';

/**
 * undici is a devDependency (tests, bench, attack lab): loaded on first use so
 * the rest of this library runs in an image with production dependencies only
 * (apps/platform-init imports the bootstrap from here).
 */
function undici(): { Agent: typeof Agent; request: typeof undiciRequest } {
  return require('undici') as { Agent: typeof Agent; request: typeof undiciRequest };
}

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: T;
  readonly text: string;
  /** The body's bytes, for non-text answers (product images). */
  readonly raw: Buffer;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * HTTPS client for the gateway that trusts the dev web CA (and nothing else)
 * and keeps connections alive, like a real API client.
 */
export class ApiClient {
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    ca: string | Buffer,
  ) {
    this.agent = new (undici().Agent)({ connect: { ca, servername: 'localhost' }, keepAliveTimeout: 10_000, connections: 64 });
  }

  async call<T = Record<string, unknown>>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await undici().request(`${this.baseUrl}${path}`, {
      method: method as 'GET',
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      dispatcher: this.agent,
    });
    const raw = Buffer.from(await response.body.arrayBuffer());
    const text = raw.toString('utf8');
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    return { status: response.statusCode, headers: response.headers, body: body as T, text, raw };
  }

  get<T = Record<string, unknown>>(path: string, options?: RequestOptions) {
    return this.call<T>('GET', path, options);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) {
    return this.call<T>('POST', path, { ...options, body });
  }

  /** Logs in and returns the token pair; throws with the problem body when it fails. */
  async login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const response = await this.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/login', { email, password });
    if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${response.text}`);
    return response.body;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
