import { errors } from 'jose';

/**
 * Maps a jose verification failure to a short, stable reason for security
 * events and metrics labels. Never the raw message (it may echo input).
 */
export function passportFailureReason(error: unknown): string {
  // jose reports an iat older than maxTokenAge as JWTExpired too, with claim 'iat'.
  if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'too_old' : 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'wrong_issuer';
      case 'aud':
        return 'wrong_audience';
      case 'typ':
        return 'wrong_type';
      default:
        return `invalid_${error.claim}`;
    }
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JWKSNoMatchingKey) return 'unknown_kid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'alg_not_allowed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  if (error instanceof PassportShapeError) return error.reason;
  return 'invalid';
}

/** The signature checked out, but the claims are not a passport's. */
export class PassportShapeError extends Error {
  constructor(
    message: string,
    /** The security event's reason: `bad_claims` unless something more precise applies. */
    readonly reason = 'bad_claims',
  ) {
    super(message);
    this.name = 'PassportShapeError';
  }
}
