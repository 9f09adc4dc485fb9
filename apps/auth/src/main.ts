import { runGrpcService } from '@shop/platform';
import { AuthModule } from './auth.module';
import { CreateAuth1732300000000 } from './migrations/1732300000000-create-auth';
import { LoginThrottle1732400000000 } from './migrations/1732400000000-login-throttle';
import { seedDemoUsers } from './seed/demo-users';
import { RefreshTokenEntity } from './tokens/refresh-token.entity';
import { UserEntity } from './users/user.entity';

runGrpcService({
  service: 'auth',
  imports: [AuthModule],
  database: {
    entities: [UserEntity, RefreshTokenEntity],
    migrations: [CreateAuth1732300000000, LoginThrottle1732400000000],
    seed: (dataSource) => seedDemoUsers(dataSource),
  },
});
