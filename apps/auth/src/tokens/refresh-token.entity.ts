import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type RefreshTokenStatus = 'ACTIVE' | 'ROTATED' | 'REVOKED';

/**
 * One refresh token of a family (one login session). Only the SHA-256 of
 * the token is stored. Using a ROTATED token again means it was stolen or
 * replayed: the whole family is revoked.
 */
@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'family_id' })
  familyId: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text', { name: 'token_hash', unique: true })
  tokenHash: string;

  @Column('text')
  status: RefreshTokenStatus;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'family_expires_at' })
  familyExpiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
