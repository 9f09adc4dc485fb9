// Every id in the shop is a UUID. Services check the shape before a query, so
// a malformed id is a clean "not found" or validation error, never a
// PostgreSQL cast failure surfacing as INTERNAL.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
