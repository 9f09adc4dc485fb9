import { blocked, httpVerdict, succeeded, type Attack, type AttackResult } from '../attack';
import { attackerSigner, authTokenSigner, publicKeyConfusionToken, signAccessToken, unsignedToken } from '../forge';
import type { LabTarget } from '../lab-target';
import type { ErrorCode } from '@shop/contracts';

async function useToken(target: LabTarget, token: string, expected: ErrorCode): Promise<AttackResult> {
  const response = await target.api.get('/api/v1/orders', { token });
  return httpVerdict(response.status, response.body['code'], expected);
}

/** External token abuse. The forgeries have no lab switch: validation is never off. */
export const TOKEN_ATTACKS: readonly Attack[] = [
  {
    id: 'token-replay-after-logout',
    title: 'Replay an access token after its owner logged out',
    controls: ['revocation'],
    run: async (target, scene) => {
      const account = await scene.freshAccount('replay');
      const { accessToken } = await target.api.login(account.email, account.password);
      await target.api.post('/api/v1/auth/logout', {}, { token: accessToken });
      return useToken(target, accessToken, 'AUTH.TOKEN_REVOKED');
    },
  },
  {
    id: 'refresh-token-reuse',
    title: 'Reuse a refresh token that was already rotated',
    controls: ['revocation'],
    run: async (target, scene) => {
      const account = await scene.freshAccount('reuse');
      const first = await target.api.login(account.email, account.password);
      const rotated = await target.api.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      if (rotated.status !== 200) throw new Error(`refresh failed: ${rotated.status}`);
      const reuse = await target.api.post('/api/v1/auth/refresh', { refreshToken: first.refreshToken });
      return httpVerdict(reuse.status, reuse.body['code'], 'AUTH.REFRESH_REUSED');
    },
  },
  {
    id: 'token-alg-none',
    title: 'Unsigned token (alg: none) claiming admin',
    controls: [],
    run: async (target, scene) => useToken(target, unsignedToken(await scene.bobId()), 'AUTH.ALGORITHM_NOT_ALLOWED'),
  },
  {
    id: 'token-hs256-public-key',
    title: "HS256 token 'signed' with auth's public key",
    controls: [],
    run: async (target, scene) => useToken(target, await publicKeyConfusionToken(target, await scene.bobId()), 'AUTH.ALGORITHM_NOT_ALLOWED'),
  },
  {
    id: 'token-unknown-kid',
    title: 'Token signed by an attacker key with an unknown kid',
    controls: [],
    run: async (target, scene) => useToken(target, await signAccessToken(await attackerSigner('attacker-key'), await scene.bobId()), 'AUTH.UNKNOWN_KEY'),
  },
  {
    id: 'token-expired',
    title: 'Expired token with a valid signature',
    controls: [],
    run: async (target, scene) => useToken(target, await signAccessToken(await authTokenSigner(target), await scene.bobId(), { expiresIn: -60 }), 'AUTH.TOKEN_EXPIRED'),
  },
  {
    id: 'token-wrong-audience',
    title: 'Validly signed token for another audience',
    controls: [],
    run: async (target, scene) =>
      useToken(target, await signAccessToken(await authTokenSigner(target), await scene.bobId(), { audience: 'https://other.example' }), 'AUTH.WRONG_AUDIENCE'),
  },
  {
    id: 'token-wrong-issuer',
    title: 'Validly signed token from another issuer',
    controls: [],
    run: async (target, scene) =>
      useToken(target, await signAccessToken(await authTokenSigner(target), await scene.bobId(), { issuer: 'https://evil.example' }), 'AUTH.WRONG_ISSUER'),
  },
  {
    id: 'token-missing-scope',
    title: 'Validly signed token without the orders:read scope',
    controls: [],
    run: async (target, scene) => useToken(target, await signAccessToken(await authTokenSigner(target), await scene.bobId(), { scope: 'profile' }), 'AUTH.INSUFFICIENT_SCOPE'),
  },
  {
    id: 'token-issued-in-future',
    title: 'Validly signed token issued an hour from now (outlives the maximum-age check)',
    controls: [],
    run: async (target, scene) =>
      useToken(target, await signAccessToken(await authTokenSigner(target), await scene.bobId(), { issuedAt: 3600, expiresIn: 3600 + 600 }), 'AUTH.TOKEN_INVALID'),
  },
  {
    id: 'token-lifetime-too-long',
    title: 'Validly signed token that expires in 30 days',
    controls: [],
    run: async (target, scene) => useToken(target, await signAccessToken(await authTokenSigner(target), await scene.bobId(), { expiresIn: 30 * 24 * 3600 }), 'AUTH.TOKEN_INVALID'),
  },
  {
    id: 'token-response-cacheable',
    title: 'A shared cache may store the login and refresh answers, tokens included',
    controls: [],
    run: async (target, scene) => {
      const account = await scene.freshAccount('cache');
      const login = await target.api.post<{ refreshToken: string }>('/api/v1/auth/login', account);
      const refreshed = await target.api.post('/api/v1/auth/refresh', { refreshToken: login.body.refreshToken });
      if (login.status !== 200 || refreshed.status !== 200) throw new Error(`login ${login.status}, refresh ${refreshed.status}`);
      const policies = [login, refreshed].map((r) => String(r.headers['cache-control'] ?? '(none)'));
      return policies.every((p) => p.split(',').map((d) => d.trim()).includes('no-store'))
        ? blocked(`Cache-Control: ${policies.join(' / ')}`)
        : succeeded(`Cache-Control: ${policies.join(' / ')}`);
    },
  },
];
