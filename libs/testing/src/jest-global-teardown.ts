/** Jest globalTeardown: stops the embedded PostgreSQL if the setup started one. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __stopTestPostgres__?: () => Promise<void> }).__stopTestPostgres__?.();
}
