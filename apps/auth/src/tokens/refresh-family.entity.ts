import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type RefreshFamilyStatus = 'ACTIVE' | 'REVOKED';

/**
 * One login session. Its id is the access token's `sid` claim, so logout can
 * revoke the session without the refresh token. Every change to the family's
 * tokens first locks this row; a REVOKED family never rotates again.
 */
@Entity({ name: 'refresh_families' })
export class RefreshFamilyEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  status: RefreshFamilyStatus;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
