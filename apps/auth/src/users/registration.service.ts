import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ROLES, ShopError, type RegisterRequest, type User } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { DataSource } from 'typeorm';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { normalizeEmail, validateRegistration } from './user-input';

export function toUser(entity: UserEntity): User {
  return { id: entity.id, email: entity.email, displayName: entity.displayName, roles: entity.roles };
}

@Injectable()
export class RegistrationService {
  private readonly acceptRequestedRoles: boolean;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    private readonly hasher: PasswordHasher,
  ) {
    // The deliberate hole that lab mode opens to show mass assignment (OWASP API3).
    this.acceptRequestedRoles = !runtime.config.lab.isOn('mass-assignment');
  }

  /** New accounts are plain customers: roles are never taken from the request (outside the lab). */
  async register(request: RegisterRequest): Promise<User> {
    const email = normalizeEmail(request.email);
    validateRegistration(email, request.password, request.displayName);
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      email,
      passwordHash: await this.hasher.hash(request.password),
      displayName: request.displayName.trim(),
      roles: this.acceptRequestedRoles && request.roles?.length ? request.roles : [ROLES.customer],
    });
    try {
      await this.dataSource.getRepository(UserEntity).insert(user);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ShopError('AUTH.EMAIL_TAKEN');
      throw error;
    }
    return toUser(user);
  }
}
