import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { HEALTH_V1, type HealthServiceMethods } from '@shop/contracts';

/** grpc.health.v1: answering at all proves TLS, identity and allow-list work end to end. */
@Controller()
export class HealthController {
  @GrpcMethod(HEALTH_V1.service, 'Check')
  check(): HealthServiceMethods['Check']['response'] {
    return { status: 'SERVING' };
  }
}
