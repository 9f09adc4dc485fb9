import { decodeProtectedHeader } from 'jose';
import type { ApiResponse } from '@shop/dev-platform';

const JWT_SHAPED = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** Fails when any response carries an internal passport, in a header or anywhere in the body. */
export function expectNoPassport(responses: readonly ApiResponse<unknown>[]): void {
  for (const response of responses) {
    expect(Object.keys(response.headers)).not.toContain('x-passport');
    for (const jwt of `${JSON.stringify(response.headers)}\n${response.text}`.match(JWT_SHAPED) ?? []) {
      expect(decodeProtectedHeader(jwt).typ).not.toBe('passport+jwt');
    }
  }
}
