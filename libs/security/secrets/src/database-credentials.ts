import { SecretError, type SecretFiles } from './secret-files';

/**
 * The lease Vault's database secrets engine attaches to dynamic credentials:
 * when it was issued (or last renewed) and for how long it is good. The Vault
 * Agent template renders `issuedAt` with consul-template's `timestamp` and
 * `durationSeconds` from the secret's `.LeaseDuration`; the local rotation
 * (libs/dev-platform db-rotation.ts) writes the `VALID UNTIL` it gave the role.
 */
export interface DatabaseLease {
  /** RFC 3339, e.g. `2026-12-03T10:00:00Z`. */
  readonly issuedAt: string;
  readonly durationSeconds: number;
}

/**
 * The shape of `db.json` (runtime DML role) and `db-owner.json` (migration
 * owner role). Vault Agent renders the same JSON from the database secrets
 * engine; the dev bootstrap writes it with generated passwords.
 */
export interface DatabaseCredentials {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** The service's own schema; the role has rights on nothing else. */
  schema: string;
  /** Absent for static credentials (the dev default): they never expire. */
  lease?: DatabaseLease;
}

/** Schema names end up in the connection's search_path: plain lower-case identifiers only. */
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
// RFC 3339 date-time: checked as a start and a zone (one regex with both trips the ReDoS lint), then parsed.
const RFC3339_START = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const RFC3339_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/;

function leaseProblems(lease: unknown): string[] {
  if (lease === undefined) return [];
  const value = (lease ?? {}) as Partial<DatabaseLease>;
  const problems: string[] = [];
  if (typeof value.issuedAt !== 'string' || !RFC3339_START.test(value.issuedAt) || !RFC3339_ZONE.test(value.issuedAt) || Number.isNaN(Date.parse(value.issuedAt))) problems.push('lease.issuedAt');
  if (!Number.isInteger(value.durationSeconds) || (value.durationSeconds as number) <= 0) problems.push('lease.durationSeconds');
  return problems;
}

export function readDatabaseCredentials(files: SecretFiles, name: string): DatabaseCredentials {
  // `?? {}`: a file holding JSON null is reported like an empty object, not as a TypeError.
  const raw = files.readJson<Partial<DatabaseCredentials> | null>(name) ?? {};
  const problems: string[] = [];
  for (const key of ['host', 'database', 'user', 'password', 'schema'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '') problems.push(key);
  }
  if (!problems.includes('schema') && !SCHEMA.test(raw.schema as string)) problems.push('schema');
  if (!Number.isInteger(raw.port) || (raw.port as number) <= 0) problems.push('port');
  problems.push(...leaseProblems(raw.lease));
  if (problems.length > 0) throw new SecretError(`${name} in ${files.dir} lacks valid ${problems.join(', ')}`);
  return raw as DatabaseCredentials;
}

/** When the credentials stop working for new logins; undefined for static credentials. */
export function leaseExpiresAt(credentials: DatabaseCredentials): Date | undefined {
  if (!credentials.lease) return undefined;
  return new Date(Date.parse(credentials.lease.issuedAt) + credentials.lease.durationSeconds * 1000);
}

/** Same login (server, database, schema, user, password): a new lease on it needs no new pool. */
export function sameLogin(a: DatabaseCredentials, b: DatabaseCredentials): boolean {
  return a.host === b.host && a.port === b.port && a.database === b.database && a.schema === b.schema && a.user === b.user && a.password === b.password;
}
