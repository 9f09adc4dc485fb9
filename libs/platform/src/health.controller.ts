import { Controller, Inject, Optional } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { DataSource } from 'typeorm';
import { HEALTH_V1, type HealthServiceMethods } from '@shop/contracts';
import { DATA_SOURCE } from './platform.constants';

/**
 * grpc.health.v1: answering at all proves TLS, identity and allow-list work
 * end to end. A service whose database is away cannot serve, so it says
 * NOT_SERVING, and its callers' readiness (the gateway's included) follows.
 */
@Controller()
export class HealthController {
  constructor(@Optional() @Inject(DATA_SOURCE) private readonly dataSource?: DataSource) {}

  @GrpcMethod(HEALTH_V1.service, 'Check')
  async check(): Promise<HealthServiceMethods['Check']['response']> {
    if (!this.dataSource) return { status: 'SERVING' };
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'SERVING' };
    } catch {
      return { status: 'NOT_SERVING' };
    }
  }
}
