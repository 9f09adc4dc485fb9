import { Column, getMetadataArgsStorage, type MixedList } from 'typeorm';

/** The column every user-owned table keys its owner by, and its policies compare. */
export const OWNER_COLUMN = 'owner_id';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
const ownedEntities = new WeakSet<Function>();

/**
 * `@OwnerColumn() ownerId: string` on an entity: the owner's id, and the mark
 * that makes its table user-owned. That one mark decides both layers:
 * `OwnedRepository` filters by `ownerId`, and `ownedTables` hands the table to
 * `migrate` (`libs/platform`), which keeps its row-level security on (off only
 * in lab mode). The policies themselves come from `ownerPolicyStatements` in
 * the service's migrations; each service's `*.database.int.spec.ts` checks
 * that the two name the same tables.
 */
export function OwnerColumn(): PropertyDecorator {
  const column = Column('uuid', { name: OWNER_COLUMN });
  return (prototype, property) => {
    column(prototype, property);
    ownedEntities.add(prototype.constructor);
  };
}

/** The tables of the entities marked with `@OwnerColumn`, in the order given. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
export function ownedTables(entities: MixedList<Function>): string[] {
  const tables = getMetadataArgsStorage().tables;
  const list = Array.isArray(entities) ? entities : Object.values(entities);
  return list.filter((entity) => ownedEntities.has(entity)).map((entity) => {
    const name = tables.find((table) => table.target === entity)?.name;
    if (!name) throw new Error(`${entity.name} has @OwnerColumn but no @Entity({ name })`);
    return name;
  });
}
