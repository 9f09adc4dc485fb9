import { randomUUID } from 'node:crypto';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import { PasswordHasher } from '../users/password-hasher';

/** Demo accounts (see DEMO_ACCOUNTS); inserted once, never updated. */
export async function seedDemoUsers(dataSource: DataSource): Promise<void> {
  const hasher = new PasswordHasher();
  for (const user of DEMO_ACCOUNTS) {
    await dataSource
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values({
        id: randomUUID(),
        email: user.email,
        passwordHash: await hasher.hash(user.password),
        displayName: user.displayName,
        roles: [...user.roles],
      })
      .orIgnore()
      .execute();
  }
}
