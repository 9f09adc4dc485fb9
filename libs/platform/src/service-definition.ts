import type { ModuleMetadata } from '@nestjs/common';
import type { DataSource, MixedList } from 'typeorm';
import type { ServiceName } from '@shop/topology';
import type { ServiceRuntime } from './service-runtime';

export interface DatabaseDefinition {
  /** `migrate` keeps row-level security on (off in lab mode) for those marked `@OwnerColumn` (`ownedTables`, libs/security/ownership). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  readonly entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  readonly migrations: MixedList<Function>;
  /** Demo data for development and lab; `seed` refuses to run in production. */
  readonly seed?: (dataSource: DataSource, runtime: ServiceRuntime) => Promise<void>;
}

/** What a gRPC service tells the platform about itself. */
export interface GrpcServiceDefinition {
  readonly service: ServiceName;
  /** The service's feature modules (controllers and providers). */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
  readonly database?: DatabaseDefinition;
}
