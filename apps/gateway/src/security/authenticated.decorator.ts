import { SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { UserThrottlerGuard } from '../rate-limit/shop-throttler.guard';
import { AccessRequirementsGuard, type AccessRequirements } from './access-requirements.guard';
import { BearerGuard } from './bearer.guard';
import { ACCESS_REQUIREMENTS } from './security.constants';

/**
 * Marks a route as needing a valid bearer token, then (in this order) the
 * per-user rate limit and the scope/role requirements. The operation goes
 * into the route's passport: it opens only the RPCs that declare it.
 */
export function Authenticated(requirements: AccessRequirements) {
  return applyDecorators(
    SetMetadata(ACCESS_REQUIREMENTS, requirements),
    UseGuards(BearerGuard, UserThrottlerGuard, AccessRequirementsGuard),
    ApiBearerAuth(),
  );
}
