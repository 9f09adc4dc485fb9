import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { createLeasedLogin, leasedLoginsOf, makeGroupOnly, revokeLeasedLogin, roleNames, type AdminConnection } from '@shop/persistence';
import { SECRET_FILES, SecretFiles, readDatabaseCredentials, writeFileAtomic, type DatabaseCredentials } from '@shop/security/secrets';

export interface DbRotationOptions {
  readonly admin: AdminConnection;
  /** The database; with the service name it also names the group role (`roleNames`). */
  readonly database: string;
  /** SECRETS_DIR: each service's db.json is rewritten in its own folder. */
  readonly secretsRoot: string;
  readonly services: readonly string[];
  /** A new login per service every this many seconds. */
  readonly periodSeconds: number;
  /**
   * How long a login accepts new logins; default 3 periods, so the previous
   * one keeps working while a slow or busy service notices the new file.
   */
  readonly leaseSeconds?: number;
  /** How long after its lease ends a login is revoked (sessions closed, role dropped); default half a period. */
  readonly graceSeconds?: number;
  readonly onError?: (error: Error) => void;
}

/** One rotation: when it happened and the login each service was given. */
export interface RotationRound {
  readonly at: Date;
  readonly logins: ReadonlyMap<string, string>;
}

/** Role names are at most 63 bytes in PostgreSQL; longer ones would be silently truncated. */
const MAX_ROLE_NAME = 63;

/**
 * The local stand-in for Vault's database secrets engine
 * (`SHOP_DB_ROTATION_SECONDS`): every period it creates, per service, a new
 * LOGIN role with a `VALID UNTIL` that is a member of the service's runtime
 * group role, writes the service's db.json atomically (the shape the Vault
 * Agent template renders), and revokes logins whose lease ended more than a
 * grace period ago. The runtime roles become NOLOGIN group roles, so the
 * static dev passwords stop working.
 */
export class DbCredentialRotation {
  readonly rounds: RotationRound[] = [];
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private busy: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: DbRotationOptions,
    private readonly admin: Client,
  ) {}

  /** Issues the first logins (before the services start, so they never log in with a static password), then rotates on a timer. */
  static async start(options: DbRotationOptions): Promise<DbCredentialRotation> {
    const admin = new Client({ ...options.admin, database: options.database });
    await admin.connect();
    const rotation = new DbCredentialRotation(options, admin);
    try {
      await rotation.rotate();
      for (const service of options.services) await makeGroupOnly(admin, roleNames(options.database, service).runtime);
    } catch (error) {
      await admin.end();
      throw error;
    }
    rotation.schedule();
    return rotation;
  }

  get leaseSeconds(): number {
    return this.options.leaseSeconds ?? 3 * this.options.periodSeconds;
  }

  get graceSeconds(): number {
    return this.options.graceSeconds ?? this.options.periodSeconds / 2;
  }

  /** One round: a new login and db.json for every service, then revoke what has expired. */
  rotate(): Promise<RotationRound> {
    const round = this.busy.then(() => this.rotateNow());
    this.busy = round.catch(() => undefined);
    return round;
  }

  /** Revokes every login whose lease ended more than the grace period ago; returns their names. */
  reap(): Promise<string[]> {
    const reaped = this.busy.then(() => this.reapNow());
    this.busy = reaped.catch(() => undefined);
    return reaped;
  }

  /** Stops issuing; leases already issued stay valid until they end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.busy;
    await this.admin.end().catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.rotate()
        .catch((error: Error) => this.options.onError?.(error))
        .finally(() => this.schedule());
    }, this.options.periodSeconds * 1000);
    this.timer.unref();
  }

  private async rotateNow(): Promise<RotationRound> {
    const at = new Date();
    const logins = new Map<string, string>();
    for (const service of this.options.services) {
      const group = roleNames(this.options.database, service).runtime;
      const name = `${group}_v${this.rounds.length + 1}_${randomBytes(3).toString('hex')}`;
      if (Buffer.byteLength(name) > MAX_ROLE_NAME) throw new Error(`login role name ${name} is longer than ${MAX_ROLE_NAME} bytes`);
      const password = randomBytes(24).toString('base64url');
      const validUntil = new Date(at.getTime() + this.leaseSeconds * 1000);
      // Role first, file second: a service never reads credentials that do not exist yet.
      await createLeasedLogin(this.admin, group, { name, validUntil }, password);
      this.writeCredentials(service, { user: name, password, lease: { issuedAt: at.toISOString(), durationSeconds: this.leaseSeconds } });
      logins.set(service, name);
    }
    const round = { at, logins };
    this.rounds.push(round);
    await this.reapNow();
    return round;
  }

  private writeCredentials(service: string, login: Pick<DatabaseCredentials, 'user' | 'password' | 'lease'>): void {
    const dir = join(this.options.secretsRoot, service);
    const current = readDatabaseCredentials(new SecretFiles(dir), SECRET_FILES.runtimeDb);
    const next: DatabaseCredentials = { host: current.host, port: current.port, database: current.database, schema: current.schema, ...login };
    writeFileAtomic(join(dir, SECRET_FILES.runtimeDb), JSON.stringify(next, null, 2), 0o600);
  }

  private async reapNow(): Promise<string[]> {
    const cutoff = Date.now() - this.graceSeconds * 1000;
    const reaped: string[] = [];
    for (const service of this.options.services) {
      for (const login of await leasedLoginsOf(this.admin, roleNames(this.options.database, service).runtime)) {
        if (login.validUntil.getTime() > cutoff) continue;
        await revokeLeasedLogin(this.admin, login.name);
        reaped.push(login.name);
      }
    }
    return reaped;
  }
}
