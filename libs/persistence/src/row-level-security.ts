import type { QueryRunner } from 'typeorm';

/**
 * Turns PostgreSQL row-level security on or off for the given tables. Run by
 * the owner role from `migrate`: on by default, off only when lab mode
 * switches `rls` off. FORCE makes the policies bind the table owner too.
 */
export async function setRowLevelSecurity(runner: QueryRunner, tables: readonly string[], enabled: boolean): Promise<void> {
  const { driver } = runner.connection;
  for (const table of tables) {
    // Table names resolve through the owner's search_path (its own schema).
    // DDL takes no bind parameters: the identifier is escaped by the driver.
    await runner.query(
      enabled
        ? `ALTER TABLE ${driver.escape(table)} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`
        : `ALTER TABLE ${driver.escape(table)} DISABLE ROW LEVEL SECURITY, NO FORCE ROW LEVEL SECURITY`,
    );
  }
}
