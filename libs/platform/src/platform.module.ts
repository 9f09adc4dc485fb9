import { Global, Module, type DynamicModule } from '@nestjs/common';
import { OwnershipModule } from '@shop/security/ownership';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, SERVICE_RUNTIME } from './platform.constants';
import type { ServiceRuntime } from './service-runtime';

/**
 * Makes the runtime (config, logger, metrics, security events, clients), the
 * service's DataSource and, with a database, its OwnedData (OwnershipModule)
 * injectable everywhere, and routes Nest's own logs through the same pino
 * logger (nestjs-pino).
 */
@Global()
@Module({})
export class PlatformModule {
  static forRuntime(runtime: ServiceRuntime, dataSource?: DataSource, httpLogging: Omit<NonNullable<Params['pinoHttp']>, 'logger'> = {}): DynamicModule {
    const ownership = dataSource ? [OwnershipModule.forDataSource({ dataSource, lab: runtime.config.lab, roles: runtime.roles })] : [];
    return {
      module: PlatformModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { ...httpLogging, logger: runtime.logger } as Params['pinoHttp'] }), ...ownership],
      providers: [
        { provide: SERVICE_RUNTIME, useValue: runtime },
        { provide: DATA_SOURCE, useValue: dataSource ?? null },
      ],
      exports: [SERVICE_RUNTIME, DATA_SOURCE, LoggerModule, ...ownership.map(() => OwnershipModule)],
    };
  }
}
