import type { ShopMetrics } from '@shop/observability';
import type { NextFunction, Request, Response } from 'express';
import { routeTemplateOf } from './route-template';

/**
 * Counts and times every request by route TEMPLATE (`/api/v1/orders/:id`),
 * never by raw path, so ids cannot explode metric cardinality.
 */
export function httpMetricsMiddleware(metrics: ShopMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.once('finish', () => {
      const route = routeTemplateOf(request);
      metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
      metrics.httpDuration.observe({ method: request.method, route }, (performance.now() - started) / 1000);
    });
    next();
  };
}
