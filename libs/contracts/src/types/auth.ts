/** Mirrors shop.auth.v1 (proto-loader turns snake_case into camelCase). */
export interface RegisterRequest {
  email: string;
  password: string;
  displayName: string;
  /** Lab demonstration only; see auth.proto. */
  roles?: string[];
}
export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
}
export interface RegistrationAccepted {
  email: string;
}
export interface LoginRequest {
  email: string;
  password: string;
}
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}
export interface RefreshRequest {
  refreshToken: string;
}
export interface LogoutRequest {
  refreshToken?: string;
  /** The access token's `sid`: the session (refresh-token family) to end. */
  sessionId?: string;
}
export interface Jwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg: string;
  use: string;
}
export interface Jwks {
  keys: Jwk[];
}

/** Request and response type of every AuthService RPC, by proto method name. */
export interface AuthServiceMethods {
  Register: { request: RegisterRequest; response: RegistrationAccepted };
  Login: { request: LoginRequest; response: TokenPair };
  Refresh: { request: RefreshRequest; response: TokenPair };
  Logout: { request: LogoutRequest; response: Record<string, never> };
  GetJwks: { request: Record<string, never>; response: Jwks };
}
