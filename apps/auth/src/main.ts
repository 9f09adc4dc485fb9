import { runGrpcService } from '@shop/platform';
import { AuthModule } from './auth.module';
import { AUTH_MIGRATIONS } from './migrations';
import { seedDemoUsers } from './seed/demo-users';
import { RefreshFamilyEntity } from './tokens/refresh-family.entity';
import { RefreshTokenEntity } from './tokens/refresh-token.entity';
import { UserEntity } from './users/user.entity';

runGrpcService({
  service: 'auth',
  imports: [AuthModule],
  database: {
    entities: [UserEntity, RefreshTokenEntity, RefreshFamilyEntity],
    migrations: AUTH_MIGRATIONS,
    seed: (dataSource) => seedDemoUsers(dataSource),
  },
});
