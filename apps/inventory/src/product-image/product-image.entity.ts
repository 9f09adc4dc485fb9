import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One image per product, replaced by the next import. */
@Entity({ name: 'product_images' })
export class ProductImageEntity {
  @PrimaryColumn('uuid', { name: 'product_id' })
  productId: string;

  /** Detected from the bytes by the SSRF guard (the remote header is ignored). */
  @Column('text', { name: 'content_type' })
  contentType: string;

  @Column('bytea')
  data: Buffer;

  @Column('char', { length: 64 })
  sha256: string;

  /** Where it came from, after redirects, without credentials or query string. */
  @Column('text', { name: 'source_url' })
  sourceUrl: string;

  /** The admin who imported it (from the passport). */
  @Column('uuid', { name: 'imported_by' })
  importedBy: string;

  @Column('timestamptz', { name: 'imported_at', default: () => 'now()' })
  importedAt: Date;
}
