import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Product images imported from a URL. The bytes live in PostgreSQL: images
 * are capped at 512 KiB by the SSRF guard, and one table keeps the import
 * atomic (no file written without its row, or the reverse). The type is not
 * constrained here: the guard decides it from the bytes, and lab mode with
 * the guard off must be able to show what happens without that check.
 */
export class CreateProductImages1733500000000 implements MigrationInterface {
  name = 'CreateProductImages1733500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE product_images (
        product_id   uuid PRIMARY KEY REFERENCES products (id) ON DELETE CASCADE,
        content_type text NOT NULL CHECK (length(content_type) BETWEEN 1 AND 127),
        data         bytea NOT NULL CHECK (octet_length(data) BETWEEN 1 AND 1048576),
        sha256       char(64) NOT NULL,
        source_url   text NOT NULL CHECK (length(source_url) <= 2048),
        imported_by  uuid NOT NULL,
        imported_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE product_images');
  }
}
