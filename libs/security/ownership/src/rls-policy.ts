import { OWNER_COLUMN } from './owner-column';

/**
 * Transaction-local settings the row-level security policies read. They are
 * set with set_config(..., is_local => true), so they vanish at COMMIT or
 * ROLLBACK and can never leak to the next user of a pooled connection.
 */
export const RLS_SETTINGS = {
  userId: 'shop.user_id',
  admin: 'shop.admin',
} as const;

const IDENTIFIER_PART = /^[a-z_][a-z0-9_]*$/;

/** `table` or `schema.table`, lower-case SQL identifiers only (they are interpolated into DDL). */
function isIdentifier(name: string): boolean {
  const parts = name.split('.');
  return parts.length <= 2 && parts.every((part) => IDENTIFIER_PART.test(part));
}

/**
 * DDL for the owner policy of a user-owned table, for use in migrations:
 * a row is visible and writable only when its owner_id equals the user the
 * transaction is scoped to, or (read only) inside the explicit admin path.
 * An unset setting matches nothing: forgetting the scope returns no rows.
 */
export function ownerPolicyStatements(table: string, ownerColumn = OWNER_COLUMN): string[] {
  if (!isIdentifier(table) || !isIdentifier(ownerColumn)) throw new Error(`bad identifier in ${table}.${ownerColumn}`);
  const currentUser = `nullif(current_setting('${RLS_SETTINGS.userId}', true), '')::uuid`;
  const isAdmin = `coalesce(current_setting('${RLS_SETTINGS.admin}', true), '') = 'on'`;
  const policy = (suffix: string) => `${table.replace('.', '_')}_${suffix}`;
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${policy('owner_all')} ON ${table} FOR ALL USING (${ownerColumn} = ${currentUser}) WITH CHECK (${ownerColumn} = ${currentUser})`,
    `CREATE POLICY ${policy('admin_read')} ON ${table} FOR SELECT USING (${isAdmin})`,
  ];
}
