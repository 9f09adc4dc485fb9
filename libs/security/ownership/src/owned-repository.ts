import type { EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere } from 'typeorm';

/** Entities owned by a user carry the owner's id. */
export interface OwnedEntity {
  ownerId: string;
}

/**
 * Repository for user-owned rows whose every method is scoped to one owner.
 * There is deliberately no method that takes a bare id: an unscoped lookup
 * cannot be written with this API (OWASP API1, BOLA).
 */
export class OwnedRepository<E extends OwnedEntity> {
  constructor(
    private readonly manager: EntityManager,
    private readonly entity: EntityTarget<E>,
    private readonly ownerId: string,
    /** False only in lab mode with `ownership` switched off: RLS is then the last line. */
    private readonly filterByOwner: boolean,
  ) {}

  private scoped(where: FindOptionsWhere<E>): FindOptionsWhere<E> {
    return this.filterByOwner ? ({ ...where, ownerId: this.ownerId } as FindOptionsWhere<E>) : where;
  }

  findOne(where: FindOptionsWhere<E>, options: { lock?: boolean } = {}): Promise<E | null> {
    return this.manager.findOne(this.entity, {
      where: this.scoped(where),
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  find(where: FindOptionsWhere<E> = {}, options: { order?: FindOptionsOrder<E>; take?: number; lock?: boolean } = {}): Promise<E[]> {
    return this.manager.find(this.entity, {
      where: this.scoped(where),
      order: options.order,
      take: options.take,
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Inserts rows owned by the scope's owner, whatever `ownerId` the caller passed. */
  async insert(values: Partial<Omit<E, 'ownerId'>> | Array<Partial<Omit<E, 'ownerId'>>>): Promise<void> {
    const rows = (Array.isArray(values) ? values : [values]).map((v) => ({ ...v, ownerId: this.ownerId }));
    await this.manager.insert(this.entity, rows as never);
  }

  /**
   * Inserts one row owned by the scope's owner unless it would violate a
   * unique constraint (INSERT ... ON CONFLICT DO NOTHING). Returns whether it
   * was inserted: a cheap idempotency check in a single round trip.
   */
  async insertIfAbsent(values: Partial<Omit<E, 'ownerId'>>): Promise<boolean> {
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(this.entity)
      .values({ ...values, ownerId: this.ownerId } as never)
      .orIgnore()
      .returning('owner_id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Updates the owner's rows matching `where`; returns how many changed. */
  async update(where: FindOptionsWhere<E>, patch: Partial<Omit<E, 'ownerId'>>): Promise<number> {
    const result = await this.manager.update(this.entity, this.scoped(where), patch as never);
    return result.affected ?? 0;
  }
}
