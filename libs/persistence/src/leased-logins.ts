import { escapeIdentifier, escapeLiteral, type Client } from 'pg';

/**
 * Short-lived login roles, the layout Vault's database secrets engine
 * creates: the service's runtime role (`<database>_<service>`) holds the
 * rights and becomes a NOLOGIN group role; each lease is a LOGIN role that is
 * a member of it, INHERITs its rights and stops accepting logins at
 * `VALID UNTIL`. The Vault creation statements in vault/configure.sh run the
 * same CREATE ROLE as `createLeasedLogin`.
 */
export interface LeasedLogin {
  readonly name: string;
  readonly validUntil: Date;
}

/** A member role of `group`, allowed to log in until `validUntil`, with nothing but the group's rights. */
export async function createLeasedLogin(admin: Client, group: string, login: LeasedLogin, password: string): Promise<void> {
  await admin.query(
    `CREATE ROLE ${escapeIdentifier(login.name)} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS ` +
      `PASSWORD ${escapeLiteral(password)} VALID UNTIL ${escapeLiteral(login.validUntil.toISOString())} IN ROLE ${escapeIdentifier(group)}`,
  );
}

/** The login roles that are members of `group`, oldest lease end first. */
export async function leasedLoginsOf(admin: Client, group: string): Promise<LeasedLogin[]> {
  const { rows } = await admin.query<{ name: string; valid_until: Date | null }>(
    `SELECT member.rolname AS name, member.rolvaliduntil AS valid_until
       FROM pg_auth_members m
       JOIN pg_roles member ON member.oid = m.member
       JOIN pg_roles grp ON grp.oid = m.roleid
      WHERE grp.rolname = $1 AND member.rolcanlogin
      ORDER BY member.rolvaliduntil NULLS LAST, member.rolname`,
    [group],
  );
  return rows.map((row) => ({ name: row.name, validUntil: row.valid_until ?? new Date(8.64e15) }));
}

/**
 * Ends a lease for good, as Vault's revocation does: close the sessions still
 * open under the role (VALID UNTIL only stops new logins), then drop it.
 * Returns how many sessions were terminated.
 */
export async function revokeLeasedLogin(admin: Client, name: string): Promise<number> {
  const { rows } = await admin.query<{ terminated: boolean }>(
    'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()',
    [name],
  );
  await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(name)}`);
  return rows.filter((row) => row.terminated).length;
}

/**
 * Turns the runtime role into a pure group role: it keeps its rights, but
 * nobody can log in as it any more, so the static password the dev bootstrap
 * wrote is worthless. `provisionDatabase` gives it LOGIN and a password again
 * on a start without rotation.
 */
export async function makeGroupOnly(admin: Client, group: string): Promise<void> {
  await admin.query(`ALTER ROLE ${escapeIdentifier(group)} NOLOGIN PASSWORD NULL`);
}
