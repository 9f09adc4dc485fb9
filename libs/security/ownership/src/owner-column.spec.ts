import { Column, Entity, PrimaryColumn, getMetadataArgsStorage } from 'typeorm';
import { OWNER_COLUMN, OwnerColumn, ownedTables } from './owner-column';

@Entity({ name: 'notes' })
class NoteEntity {
  @PrimaryColumn('uuid')
  id: string;

  @OwnerColumn()
  ownerId: string;
}

@Entity({ name: 'products' })
class ProductEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;
}

describe('@OwnerColumn and ownedTables', () => {
  it('names the tables of the marked entities only, in the order given', () => {
    expect(ownedTables([ProductEntity, NoteEntity])).toEqual(['notes']);
    expect(ownedTables({ ProductEntity })).toEqual([]);
  });

  it('maps ownerId to the owner_id uuid column the policies compare', () => {
    const column = getMetadataArgsStorage().columns.find((c) => c.target === NoteEntity && c.propertyName === 'ownerId');
    expect(column?.options).toMatchObject({ type: 'uuid', name: OWNER_COLUMN });
  });

  it('refuses a marked entity without a table name', () => {
    class Unnamed {
      @OwnerColumn()
      ownerId: string;
    }
    expect(() => ownedTables([Unnamed])).toThrow(/no @Entity/);
  });
});
