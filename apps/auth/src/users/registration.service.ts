import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ROLES, type RegisterRequest, type RegistrationAccepted } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { DataSource } from 'typeorm';
import { REQUESTED_ROLES_ACCEPTED } from '../auth.constants';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { normalizeEmail, validateRegistration } from './user-input';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class RegistrationService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly hasher: PasswordHasher,
    /** The deliberate hole that lab mode opens to show mass assignment (OWASP API3). */
    @Inject(REQUESTED_ROLES_ACCEPTED) private readonly acceptRequestedRoles: boolean,
  ) {}

  /**
   * New accounts are plain customers: roles are never taken from the request
   * (outside the lab). A taken email gets the very same answer after the very
   * same work (the hash is computed first either way), so registration does
   * not tell anyone which emails have accounts. The owner of a taken address
   * is the one who should hear about it: a real shop mails them ("you already
   * have an account; log in or reset your password") from here. This shop
   * has no mailer, so it only logs the attempt, without the address.
   */
  async register(request: RegisterRequest): Promise<RegistrationAccepted> {
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
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      this.runtime.logger.info({ registration: 'email_taken' }, 'registration for an existing account: answered like a new one (a real shop mails the owner here)');
    }
    return { email };
  }
}
