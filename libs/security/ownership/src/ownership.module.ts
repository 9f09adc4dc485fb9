import { Module, type DynamicModule } from '@nestjs/common';
import type { LabSwitches } from '@shop/config';
import type { DataSource } from 'typeorm';
import { OwnedData, type RoleRequirement } from './owned-data';

export interface OwnershipModuleOptions {
  readonly dataSource: DataSource;
  /** Read here, and only here, for the `ownership` switch. */
  readonly lab: LabSwitches;
  readonly roles: RoleRequirement;
}

/**
 * The service's one OwnedData, injectable by its class. Whether repositories
 * add the owner filter (off only with the lab's `ownership` switch) is
 * decided here while the module graph is built, so no service asks.
 * PlatformModule imports it for every service that has a database.
 */
@Module({})
export class OwnershipModule {
  static forDataSource({ dataSource, lab, roles }: OwnershipModuleOptions): DynamicModule {
    const data = new OwnedData(dataSource, { filterByOwner: lab.isOn('ownership'), roles });
    return { module: OwnershipModule, providers: [{ provide: OwnedData, useValue: data }], exports: [OwnedData] };
  }
}
