import { SecretError, type SecretFiles } from './secret-files';

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
}




export function readDatabaseCredentials(files: SecretFiles, name: string): DatabaseCredentials {
  // `?? {}`: a file holding JSON null is reported like an empty object, not as a TypeError.
  const raw = files.readJson<Partial<DatabaseCredentials> | null>(name) ?? {};
  const problems: string[] = [];
  for (const key of ['host', 'database', 'user', 'password', 'schema'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '') problems.push(key);
  }
  if (!Number.isInteger(raw.port) || (raw.port as number) <= 0) problems.push('port');
  if (problems.length > 0) throw new SecretError(`${name} in ${files.dir} lacks valid ${problems.join(', ')}`);
  return raw as DatabaseCredentials;
}
