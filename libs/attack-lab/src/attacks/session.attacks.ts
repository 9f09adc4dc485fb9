import { setTimeout as sleep } from 'node:timers/promises';
import { decodeJwt } from 'jose';
import { blocked, httpVerdict, succeeded, type Attack, type AttackResult } from '../attack';
import { authTokenSigner, signAccessToken } from '../forge';
import type { LabTarget } from '../lab-target';
import type { Scene } from '../scene';

/**
 * Rounds per race. On the unserialised code one round in two or three let a
 * token survive (issue 14); the integration test in apps/auth runs 20 rounds.
 * Few here: each round is a login, and the lab shares one address's login budget.
 */
const ROUNDS = 4;

type Pair = { accessToken: string; refreshToken: string };

const refresh = (target: LabTarget, refreshToken: string) => target.api.post<Pair & { code?: string }>('/api/v1/auth/refresh', { refreshToken });

/** Runs `round` up to ROUNDS times; the first round that leaves a live token is the attacker's success. */
async function race(target: LabTarget, scene: Scene, label: string, round: (session: Pair) => Promise<string | undefined>): Promise<AttackResult> {
  const account = await scene.freshAccount(label);
  for (let n = 1; n <= ROUNDS; n++) {
    const survivor = await round(await target.api.login(account.email, account.password));
    if (survivor) return succeeded(`round ${n}: ${survivor}`);
  }
  return blocked(`${ROUNDS} rounds, no refresh token survived its family's revocation`);
}

/** Refresh-family revocation and the logout denylist, attacked through their timing. */
export const SESSION_ATTACKS: readonly Attack[] = [
  {
    id: 'refresh-reuse-race',
    title: "Owner replays a stolen refresh token while the thief rotates his copy: the thief's next token survives",
    controls: ['revocation'],
    run: (target, scene) =>
      race(target, scene, 'reuse-race', async (session) => {
        const thief = await refresh(target, session.refreshToken);
        if (thief.status !== 200) throw new Error(`thief's first refresh failed: ${thief.status}`);
        const [, thiefNext] = await Promise.all([refresh(target, session.refreshToken), refresh(target, thief.body.refreshToken)]);
        if (thiefNext.status !== 200) return undefined;
        const after = await refresh(target, thiefNext.body.refreshToken);
        return after.status === 200 ? "the thief's token still rotates after the reuse was answered" : undefined;
      }),
  },
  {
    id: 'refresh-logout-race',
    title: 'Refresh and logout sent together: the refreshed token outlives the logout',
    controls: ['revocation'],
    run: (target, scene) =>
      race(target, scene, 'logout-race', async (session) => {
        const [refreshed, logout] = await Promise.all([
          refresh(target, session.refreshToken),
          target.api.post('/api/v1/auth/logout', { refreshToken: session.refreshToken }, { token: session.accessToken }),
        ]);
        if (logout.status !== 204) throw new Error(`logout failed: ${logout.status}`);
        if (refreshed.status !== 200) return undefined;
        const after = await refresh(target, refreshed.body.refreshToken);
        return after.status === 200 ? 'logout answered 204, yet the refreshed token still rotates' : undefined;
      }),
  },
  {
    id: 'session-survives-logout',
    title: 'Log out without sending the refresh token, then keep refreshing',
    controls: ['revocation'],
    run: async (target, scene) => {
      const account = await scene.freshAccount('logout-sid');
      const session = await target.api.login(account.email, account.password);
      const logout = await target.api.post('/api/v1/auth/logout', {}, { token: session.accessToken });
      if (logout.status !== 204) throw new Error(`logout failed: ${logout.status}`);
      const after = await refresh(target, session.refreshToken);
      return httpVerdict(after.status, after.body['code'], 'AUTH.REFRESH_INVALID');
    },
  },
  {
    id: 'token-replay-within-clock-tolerance',
    title: 'Replay a logged-out access token just after its exp, inside the verifier clock tolerance',
    controls: ['revocation'],
    run: async (target, scene) => {
      // A token that expires in 2 s, signed with auth's key: a real token would take 10 minutes to get there.
      const token = await signAccessToken(await authTokenSigner(target), await scene.bobId(), { expiresIn: 2 });
      const before = await target.api.get('/api/v1/orders', { token });
      if (before.status !== 200) throw new Error(`the short-lived token did not work to begin with: ${before.status}`);
      const logout = await target.api.post('/api/v1/auth/logout', {}, { token });
      if (logout.status !== 204) throw new Error(`logout failed: ${logout.status}`);
      // Replay in the middle of the tolerance window, timed from the token's own exp (a
      // slow setup must not push the replay past exp + 5 s, where any verifier refuses it).
      const replayAt = (decodeJwt(token).exp as number) * 1000 + 2_500;
      if (Date.now() > replayAt) throw new Error('setup took too long: the token is already past the middle of its tolerance window');
      await sleep(replayAt - Date.now());
      const after = await target.api.get('/api/v1/orders', { token });
      return httpVerdict(after.status, after.body['code'], 'AUTH.TOKEN_REVOKED');
    },
  },
];
