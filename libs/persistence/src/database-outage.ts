/**
 * SQLSTATE classes and codes that mean "the database cannot serve right now",
 * not "this query is wrong": connection exceptions (08), operator
 * intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
 * connect now) and insufficient resources (53).
 */
const OUTAGE_SQLSTATE = /^(08|53)|^57P0[123]$/;
/** What node-postgres throws when there is no server to talk to at all. */
const OUTAGE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
const OUTAGE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly/i;

/**
 * True when `error` says the database is unreachable or shutting down: the
 * caller should answer "unavailable, retry later" (503), not "internal
 * error" (500). TypeORM wraps driver errors in QueryFailedError and keeps
 * the driver's `code`; the cause chain is followed for the rest.
 */
export function isDatabaseOutage(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, cause, driverError } = error as { code?: unknown; message?: unknown; cause?: unknown; driverError?: unknown };
  if (typeof code === 'string' && (OUTAGE_SQLSTATE.test(code) || OUTAGE_NETWORK_CODES.has(code))) return true;
  if (typeof message === 'string' && OUTAGE_MESSAGES.test(message)) return true;
  return isDatabaseOutage(driverError, depth + 1) || isDatabaseOutage(cause, depth + 1);
}
