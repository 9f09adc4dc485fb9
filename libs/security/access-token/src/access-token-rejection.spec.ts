import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ACCESS_TOKEN } from './access-token-profile';
import { AccessTokenRejection, classifyTokenFailure } from './access-token-rejection';

const ISSUER = ACCESS_TOKEN.issuer;
const AUDIENCE = ACCESS_TOKEN.audience;

let signing: KeyObject;
let verifying: KeyObject;
let stranger: KeyObject;

const now = () => Math.floor(Date.now() / 1000);

function sign(claims: object = {}, key: jwt.Secret = signing, algorithm: jwt.Algorithm = 'ES256'): string {
  return jwt.sign({ sub: 'u-1', iss: ISSUER, aud: AUDIENCE, iat: now(), exp: now() + 600, ...claims }, key, { algorithm });
}

/** What jsonwebtoken reports for this token under the gateway's pinned options (undefined when it verifies). */
function failureOf(token: string, options: jwt.VerifyOptions = {}): unknown {
  try {
    jwt.verify(token, verifying, { algorithms: ['ES256'], issuer: ISSUER, audience: AUDIENCE, ...options });
    return undefined;
  } catch (error) {
    return error;
  }
}

beforeAll(() => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  signing = pair.privateKey;
  verifying = pair.publicKey;
  stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
});

describe('classifyTokenFailure on real jsonwebtoken errors', () => {
  it('has nothing to classify for a valid token (control)', () => {
    expect(failureOf(sign())).toBeUndefined();
  });

  it.each([
    ['an expired token', () => failureOf(sign({ iat: now() - 700, exp: now() - 100 })), 'AUTH.TOKEN_EXPIRED', 'expired'],
    ['a token older than maxAge', () => failureOf(sign({ iat: now() - 700 }), { maxAge: '660s' }), 'AUTH.TOKEN_EXPIRED', 'expired'],
    ['an HS256 token', () => failureOf(sign({}, Buffer.from('s3cret'), 'HS256')), 'AUTH.ALGORITHM_NOT_ALLOWED', 'alg_not_allowed'],
    ['another audience', () => failureOf(sign({ aud: 'https://other.example' })), 'AUTH.WRONG_AUDIENCE', 'wrong_audience'],
    ['another issuer', () => failureOf(sign({ iss: 'https://evil.example' })), 'AUTH.WRONG_ISSUER', 'wrong_issuer'],
    ['a signature by another key', () => failureOf(sign({}, stranger)), 'AUTH.TOKEN_INVALID', 'bad_signature'],
    ['a string with no dots', () => failureOf('not-a-jwt'), 'AUTH.TOKEN_INVALID', 'malformed'],
    ['three undecodable parts', () => failureOf('a.b.c'), 'AUTH.TOKEN_INVALID', 'malformed'],
    ['a token not valid yet', () => failureOf(sign({ nbf: now() + 600 })), 'AUTH.TOKEN_INVALID', 'invalid'],
  ])('maps %s', (_case, failure, code, reason) => {
    const error = failure();
    expect(error).toBeInstanceOf(Error);
    expect(classifyTokenFailure(error)).toMatchObject({ code, reason });
  });
});

describe('classifyTokenFailure on passport-jwt and our own rejections', () => {
  it('maps passport-jwt reporting no bearer token to AUTH.TOKEN_MISSING', () => {
    const infos: unknown[] = [];
    const strategy = new Strategy({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: 'unused', algorithms: ['ES256'] }, () => undefined);
    Object.assign(strategy, { fail: (info: unknown) => infos.push(info) });
    strategy.authenticate({ headers: {} } as never);
    expect(infos).toHaveLength(1);
    expect(classifyTokenFailure(infos[0])).toMatchObject({ code: 'AUTH.TOKEN_MISSING', reason: 'missing' });
  });

  it('passes an AccessTokenRejection through unchanged', () => {
    const rejection = new AccessTokenRejection('AUTH.UNKNOWN_KEY', 'unknown_kid');
    expect(classifyTokenFailure(rejection)).toBe(rejection);
  });

  it('maps anything unknown to AUTH.TOKEN_INVALID/invalid', () => {
    expect(classifyTokenFailure(undefined)).toMatchObject({ code: 'AUTH.TOKEN_INVALID', reason: 'invalid' });
    expect(classifyTokenFailure(new Error('something else'))).toMatchObject({ code: 'AUTH.TOKEN_INVALID', reason: 'invalid' });
  });
});
