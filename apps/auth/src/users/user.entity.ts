import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Stored trimmed and lower-cased; unique. */
  @Column('text', { unique: true })
  email: string;

  /** argon2id PHC string (algorithm, parameters, salt and hash). */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { array: true })
  roles: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
