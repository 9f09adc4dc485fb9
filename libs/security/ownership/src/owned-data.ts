import { ROLES, type Principal, type Role } from '@shop/contracts';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { OwnedRepository, type OwnedEntity } from './owned-repository';
import { RLS_SETTINGS } from './rls-policy';

/** One transaction scoped to one user: repositories handed out here are owner-bound. */
export class OwnershipScope {
  constructor(
    readonly ownerId: string,
    private readonly manager: EntityManager,
    private readonly filterByOwner: boolean,
  ) {}

  repository<E extends OwnedEntity>(entity: EntityTarget<E>): OwnedRepository<E> {
    return new OwnedRepository(this.manager, entity, this.ownerId, this.filterByOwner);
  }

  /** For rows that are not user-owned (e.g. an order's child rows keyed by the order). */
  get unownedManager(): EntityManager {
    return this.manager;
  }
}

/** Satisfied by authz's RoleCheck; declared here so this lib needs no other security lib. */
export interface RoleRequirement {
  require(principal: Principal, role: Role): void;
}

export interface OwnedDataOptions {
  /** False only in lab mode with `ownership` switched off. */
  readonly filterByOwner: boolean;
  readonly roles: RoleRequirement;
}

/**
 * The only way services read or write user-owned data. Each unit of work
 * runs in a transaction that (1) sets the RLS owner setting from the passport
 * and (2) hands out repositories that add `owner_id = <sub>` to every query.
 * Either one alone already stops cross-user access; together they survive a
 * bug in one of them.
 */
export class OwnedData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OwnedDataOptions,
  ) {}

  forOwner<T>(principal: Principal, work: (scope: OwnershipScope) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      // Transaction-local: gone at COMMIT/ROLLBACK, never leaks to the next user of the connection.
      await manager.query('SELECT set_config($1, $2, true)', [RLS_SETTINGS.userId, principal.sub]);
      return work(new OwnershipScope(principal.sub, manager, this.options.filterByOwner));
    });
  }

  /**
   * The explicit admin path: checks the admin role from the passport, then
   * opens a transaction in which the admin read policy applies. Read only.
   */
  asAdmin<T>(principal: Principal, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.options.roles.require(principal, ROLES.admin);
    return this.readAcrossOwners(work);
  }

  /**
   * For background jobs that act for no user (order's saga recovery looking
   * for abandoned checkouts): the same read-only transaction as the admin
   * path, with no passport to check. Writes still need forOwner.
   */
  asSystemReader<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.readAcrossOwners(work);
  }

  private readAcrossOwners<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      await manager.query('SELECT set_config($1, $2, true)', [RLS_SETTINGS.admin, 'on']);
      return work(manager);
    });
  }
}
