/**
 * The session lives in this module's memory and nowhere else: no
 * localStorage, no sessionStorage, no cookie. A script injected into the page
 * could still use the token while the page is open (nothing can prevent that
 * short of a backend-for-frontend), but it cannot carry it away from storage
 * later, and closing or reloading the tab ends the session.
 * See docs/web-security.md for the choice against the OAuth browser-apps BCP.
 */
export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

export interface Claims {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly exp: number;
}

let tokens: Tokens | undefined;
let claims: Claims | undefined;
let email: string | undefined;

/**
 * Reads the claims only to decide what to show (e.g. the admin menu). The
 * gateway verifies the signature on every call; this is never a security check.
 */
function decodeClaims(jwt: string): Claims {
  const payload = jwt.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  const parsed = JSON.parse(json) as { sub?: unknown; roles?: unknown; exp?: unknown };
  return {
    sub: String(parsed.sub ?? ''),
    roles: Array.isArray(parsed.roles) ? parsed.roles.map(String) : [],
    exp: Number(parsed.exp ?? 0),
  };
}

export const session = {
  start(next: Tokens, who?: string): void {
    tokens = next;
    claims = decodeClaims(next.accessToken);
    if (who) email = who;
  },
  end(): void {
    tokens = undefined;
    claims = undefined;
    email = undefined;
  },
  get tokens(): Tokens | undefined {
    return tokens;
  },
  get signedIn(): boolean {
    return tokens !== undefined;
  },
  get email(): string | undefined {
    return email;
  },
  get isAdmin(): boolean {
    return claims?.roles.includes('admin') ?? false;
  },
};
