import { describeError, type ErrorCode } from './error-codes';

/**
 * A failure with a stable code. Services throw it; the gRPC layer turns it
 * into a status + `x-error-code`, and the gateway into problem+json. The
 * message is for humans and logs; `details` may carry safe, structured extras
 * (an order id), never internals.
 */
export class ShopError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message ?? describeError(code).title);
    this.name = 'ShopError';
  }
}
