import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ROLES, ShopError } from '@shop/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';
import type { AuthenticatedUser } from '@shop/security/access-token';
import { securityEventStreamKey } from '@shop/security/audit';
import type { Request, Response } from 'express';
import { Authenticated } from '../../security/authenticated.decorator';
import { guardedEdges, type GuardedEdge } from './edge-controls';
import { feedSlotFree, streamEvents } from './event-feed';
import { LabAttacks, type LabAttackInfo, type LabAttackRun } from './lab-attacks';

interface ConsoleOverview {
  env: string;
  lab: boolean;
  disabledControls: string[];
  edges: GuardedEdge[];
  attacks: LabAttackInfo[];
}

/** The security console's API (admin only; the attack runner exists only in lab mode). */
@ApiTags('admin')
// The console page's own API (an event stream, lab-only attack runs), not the shop's public
// API: it stays out of /docs-json, so API clients, the OpenAPI check and the fuzzer never see it.
@ApiExcludeController()
@Controller('api/v1/admin/console')
export class ConsoleController {
  private readonly lab?: LabAttacks;

  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {
    // The attack runner does not exist outside lab mode, whatever the request.
    if (runtime.config.env === 'lab') this.lab = LabAttacks.forSecretsDir(runtime.config.secretsDir);
  }

  @Get('overview')
  @Authenticated({ operation: 'admin.console', role: ROLES.admin })
  @ApiOperation({ summary: 'The call graph with the controls on each edge, the lab switches and the lab attacks (admin)' })
  async overview(): Promise<ConsoleOverview> {
    const { config } = this.runtime;
    const attacks = this.lab ? await this.lab.attacks() : [];
    return { env: config.env, lab: !!this.lab, disabledControls: config.lab.disabledControls, edges: guardedEdges(config.lab), attacks };
  }

  @Post('attacks/:id')
  @HttpCode(200)
  @Authenticated({ operation: 'admin.console', role: ROLES.admin })
  @ApiOperation({ summary: 'Run one attack of the lab and return its verdict (admin, SHOP_ENV=lab only)' })
  async runAttack(@Param('id') id: string): Promise<LabAttackRun> {
    if (!this.lab) throw new ShopError('REQUEST.NOT_FOUND', 'attacks run from the console only with SHOP_ENV=lab');
    if (this.lab.busy) throw new ShopError('REQUEST.RATE_LIMITED', 'an attack is already running; wait for its verdict');
    const run = await this.lab.run(id);
    if (!run) throw new ShopError('REQUEST.NOT_FOUND', `no attack "${id}" in the lab`);
    return run;
  }

  @Get('events')
  @Authenticated({ operation: 'admin.console', role: ROLES.admin })
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Live security events of all five services, as server-sent events (admin)' })
  async events(@Req() request: Request & { user: AuthenticatedUser }, @Res() response: Response): Promise<void> {
    const { redisUrl, redisKeyPrefix } = this.runtime.config;
    if (!redisUrl) throw new ShopError('UPSTREAM.UNAVAILABLE', 'the event feed needs Redis (REDIS_URL)');
    if (!feedSlotFree()) throw new ShopError('REQUEST.RATE_LIMITED', 'too many consoles are open; close one');
    await streamEvents(response, redisUrl, securityEventStreamKey(redisKeyPrefix), request.user.exp * 1000);
  }
}
