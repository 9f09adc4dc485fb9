import { ApiClient, type ApiResponse } from '@shop/dev-platform';

/** Longest single wait the lab accepts from a Retry-After (the login block is 60 s). */
const MAX_WAIT_SECONDS = 90;
const MAX_WAITS = 3;

/**
 * The lab's own client. Its setup steps (logging victims in, registering
 * accounts) go through `patiently`: when the target's rate limit answers 429,
 * they wait for `Retry-After` and try again instead of failing, because the
 * lab must survive the very limits it tests (the brute-force attacks of a
 * previous run spend this address's login budget for a minute). The attacks'
 * own requests use the plain methods and see every 429.
 */
export class LabApiClient extends ApiClient {
  /** Called before each wait, so a CLI can say why it pauses. */
  onWait: (seconds: number, what: string) => void = () => undefined;

  async patiently<T>(what: string, request: () => Promise<ApiResponse<T>>): Promise<ApiResponse<T>> {
    for (let waits = 0; ; waits++) {
      const response = await request();
      if (response.status !== 429 || waits >= MAX_WAITS) return response;
      const seconds = Number(response.headers['retry-after']);
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_WAIT_SECONDS) return response;
      this.onWait(seconds, what);
      await new Promise((resolve) => setTimeout(resolve, (seconds + 0.5) * 1000));
    }
  }

  /** Setup login: waits out the login rate limit, then fails with the problem body like the plain one. */
  override async login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
    const response = await this.patiently(`login ${email}`, () => this.post<{ accessToken: string; refreshToken: string }>('/api/v1/auth/login', { email, password }));
    if (response.status !== 200) throw new Error(`lab setup: login ${email} failed: ${response.status} ${response.text}`);
    return response.body;
  }
}
