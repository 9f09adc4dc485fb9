import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { In, type DataSource } from 'typeorm';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { DATA_SOURCE, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import { UserEntity } from './users/user.entity';

/** With SHOP_ENV=production, auth refuses to serve while any demo account exists. */
@Injectable()
export class ProductionGuard implements OnApplicationBootstrap {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.runtime.config.env !== 'production') return;
    const demo = await this.dataSource.getRepository(UserEntity).countBy({ email: In(DEMO_ACCOUNTS.map((u) => u.email)) });
    if (demo > 0) throw new Error(`refusing to start with SHOP_ENV=production: ${demo} demo account(s) exist`);
  }
}
