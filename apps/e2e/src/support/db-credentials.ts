import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { secretsRootOf } from '@shop/dev-platform';
import { createLeasedLogin, roleNames } from '@shop/persistence';
import { SECRET_FILES, writeFileAtomic, type DatabaseCredentials } from '@shop/security/secrets';
import { logLines } from './log-lines';

export function dbFileOf(devDir: string, service: string): string {
  return join(secretsRootOf(devDir), service, SECRET_FILES.runtimeDb);
}

export function readDbFile(devDir: string, service: string): DatabaseCredentials {
  return JSON.parse(readFileSync(dbFileOf(devDir, service), 'utf8')) as DatabaseCredentials;
}

/** A new login of `service`'s group role, valid for `seconds`, as the rotation would issue it, on `base`'s server. */
export async function issueLogin(admin: Client, base: DatabaseCredentials, service: string, seconds: number): Promise<DatabaseCredentials> {
  const database = base.database;
  const name = `${roleNames(database, service).runtime}_t${randomBytes(3).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const issuedAt = new Date();
  await createLeasedLogin(admin, roleNames(database, service).runtime, { name, validUntil: new Date(issuedAt.getTime() + seconds * 1000) }, password);
  return { ...base, user: name, password, lease: { issuedAt: issuedAt.toISOString(), durationSeconds: seconds } };
}

export function writeDbFile(devDir: string, service: string, content: DatabaseCredentials | string): void {
  writeFileAtomic(dbFileOf(devDir, service), typeof content === 'string' ? content : JSON.stringify(content), 0o600);
}

const epochMs = (line: Record<string, unknown>) => Date.parse(line['time'] as string);

/** The time (epoch ms) of each "database credentials rotated" line of a service, by the login it moved to. */
export async function swapTimes(devDir: string, service: string, timeoutMs = 0): Promise<Map<string, number>> {
  const lines = await logLines(devDir, service, (line) => line['msg'] === 'database credentials rotated', timeoutMs);
  return new Map(lines.map((line) => [line['user'] as string, epochMs(line)]));
}

/** Waits until the service logs that it moved to `user`. */
export async function waitForSwap(devDir: string, service: string, user: string, timeoutMs = 8000): Promise<number> {
  const lines = await logLines(devDir, service, (line) => line['msg'] === 'database credentials rotated' && line['user'] === user, timeoutMs);
  if (lines.length === 0) throw new Error(`${service} never moved to ${user}`);
  return epochMs(lines[0] as Record<string, unknown>);
}

/** Waits for a security event of a service (optionally only those logged after `since`). */
export async function waitForEvent(devDir: string, service: string, event: string, reason: string, since = 0): Promise<Record<string, unknown>> {
  const lines = await logLines(devDir, service, (line) => line['securityEvent'] === event && line['reason'] === reason && epochMs(line) >= since, 8000);
  if (lines.length === 0) throw new Error(`${service} logged no ${event} (${reason})`);
  return lines[0] as Record<string, unknown>;
}

/** Login names with open sessions on `database`, the superuser's own excluded. */
export async function sessionUsers(admin: Client, database: string): Promise<string[]> {
  const { rows } = await admin.query<{ usename: string }>(
    'SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = $1 AND usename <> current_user AND pid <> pg_backend_pid() ORDER BY 1',
    [database],
  );
  return rows.map((row) => row.usename);
}

/** Warnings and errors every service logged between two instants (epoch ms): the story behind a failed request. */
export async function logProblemsBetween(devDir: string, services: readonly string[], from: number, to: number): Promise<string[]> {
  const lines = await Promise.all(services.map((service) => logLines(devDir, service, (line) => ['warn', 'error', 'fatal'].includes(line['level'] as string) && epochMs(line) >= from && epochMs(line) <= to, 0)));
  return lines.flat().map((line) => `${line['service']} ${line['time']} ${line['msg']} ${JSON.stringify(line['err'] ?? line['detail'] ?? '')}`.slice(0, 400));
}
