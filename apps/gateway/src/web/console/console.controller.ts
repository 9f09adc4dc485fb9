import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ROLES, ShopError } from '@shop/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { AuthenticatedUser } from '@shop/security/access-token';
import { securityEventStreamKey } from '@shop/security/audit';
import type { Request, Response } from 'express';
import { Authenticated } from '../../security/authenticated.decorator';
import { guardedEdges, type GuardedEdge } from './edge-controls';
import { feedSlotFree, streamEvents } from './event-feed';

interface ConsoleOverview {
  env: string;
  lab: boolean;
  disabledControls: string[];
  edges: GuardedEdge[];
  attacks: Array<{ id: string; title: string; controls: string[] }>;
}

/** The security console's API (admin only; the attack runner exists only in lab mode). */
@ApiTags('admin')
@Controller('api/v1/admin/console')
export class ConsoleController {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  @Get('overview')
  @Authenticated({ role: ROLES.admin })
  @ApiOperation({ summary: 'The call graph with the controls on each edge, the lab switches and the lab attacks (admin)' })
  overview(): ConsoleOverview {
    const { config } = this.runtime;
    const lab = config.env === 'lab';
    return { env: config.env, lab, disabledControls: config.lab.disabledControls, edges: guardedEdges(config.lab), attacks: [] };
  }

  @Get('events')
  @Authenticated({ role: ROLES.admin })
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Live security events of all five services, as server-sent events (admin)' })
  async events(@Req() request: Request & { user: AuthenticatedUser }, @Res() response: Response): Promise<void> {
    const { redisUrl, redisKeyPrefix } = this.runtime.config;
    if (!redisUrl) throw new ShopError('UPSTREAM.UNAVAILABLE', 'the event feed needs Redis (REDIS_URL)');
    if (!feedSlotFree()) throw new ShopError('REQUEST.RATE_LIMITED', 'too many consoles are open; close one');
    await streamEvents(response, redisUrl, securityEventStreamKey(redisKeyPrefix), request.user.exp * 1000);
  }
}
